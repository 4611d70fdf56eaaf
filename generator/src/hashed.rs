//! Hashed maps and sets without iteration, for lookups by long keys.
//!
//! The generator's output must not depend on hash seeds, so `HashMap` and
//! `HashSet` are refused by clippy; these wrappers can be asked about a key
//! but never walked, which makes them safe where a B-tree would compare long
//! keys with shared prefixes (JSON pointers, type names) at every level.
#![allow(clippy::disallowed_types)]

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// A map that can only be looked up.
#[derive(Debug)]
pub struct HashedMap<K, V>(HashMap<K, V>);

impl<K: Hash + Eq, V> HashedMap<K, V> {
    pub fn new() -> Self {
        HashedMap(HashMap::new())
    }

    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.get(key)
    }

    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.contains_key(key)
    }

    pub fn insert(&mut self, key: K, value: V) {
        self.0.insert(key, value);
    }

    /// The value under `key`, inserted as `V::default()` first if absent.
    pub fn get_or_default(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        self.0.entry(key).or_default()
    }
}

/// A set that can only be asked what it contains.
#[derive(Debug)]
pub struct HashedSet<K>(HashSet<K>);

impl<K: Hash + Eq> HashedSet<K> {
    pub fn new() -> Self {
        HashedSet(HashSet::new())
    }

    /// Adds `key`; false if it was there already.
    pub fn insert(&mut self, key: K) -> bool {
        self.0.insert(key)
    }

    pub fn contains<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.contains(key)
    }

    pub fn remove<Q>(&mut self, key: &Q)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.remove(key);
    }
}
