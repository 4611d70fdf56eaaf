//! Hashed maps and sets without iteration, for lookups by long keys.
//!
//! The generator's output must not depend on hash seeds, so `HashMap` and
//! `HashSet` are refused by clippy; these wrappers can be asked about a key
//! but never walked, which makes them safe where a B-tree would compare long
//! keys with shared prefixes (JSON pointers, type names) at every level.
#![allow(clippy::disallowed_types)]

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// The hash of these maps: a word at a time, multiply and rotate, as in
/// rustc's FxHash. std's SipHash, which resists keys chosen to collide, was
/// a tenth of the lowering's time on keys that are the spec's own names and
/// pointers; a spec built to collide would only make its own run slower.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl WordHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in words.by_ref() {
            let mut buffer = [0; 8];
            buffer.copy_from_slice(word);
            self.add(u64::from_le_bytes(buffer));
        }
        let mut rest = [0; 8];
        let tail = words.remainder();
        if let Some(start) = rest.get_mut(..tail.len()) {
            start.copy_from_slice(tail);
        }
        self.add(u64::from_le_bytes(rest) ^ (tail.len() as u64) << 56);
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Words = BuildHasherDefault<WordHasher>;

/// A map that can only be looked up.
#[derive(Debug)]
pub struct HashedMap<K, V>(HashMap<K, V, Words>);

impl<K: Hash + Eq, V> HashedMap<K, V> {
    pub fn new() -> Self {
        HashedMap(HashMap::default())
    }

    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.get(key)
    }

    pub fn insert(&mut self, key: K, value: V) {
        self.0.insert(key, value);
    }
}

// Collecting fills a map without letting anyone walk it.
impl<K: Hash + Eq, V> FromIterator<(K, V)> for HashedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        HashedMap(entries.into_iter().collect())
    }
}

/// A set that can only be asked what it contains.
#[derive(Debug)]
pub struct HashedSet<K>(HashSet<K, Words>);

impl<K: Hash + Eq> HashedSet<K> {
    pub fn new() -> Self {
        HashedSet(HashSet::default())
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

impl<K: Hash + Eq> FromIterator<K> for HashedSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(keys: I) -> Self {
        HashedSet(keys.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn keys_that_differ_anywhere_or_in_length_hash_apart() {
        let hash = |key: &[u8]| Words::default().hash_one(key);
        let keys: [&[u8]; 6] = [
            b"",
            b"a",
            b"a\0",
            b"#/components/schemas/A",
            b"#/components/schemas/B",
            b"#/components/schemas/A\0",
        ];
        for (i, a) in keys.iter().enumerate() {
            assert_eq!(hash(a), hash(a));
            for b in keys.iter().skip(i + 1) {
                assert_ne!(hash(a), hash(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_map_finds_what_was_put_in_it() {
        let mut map = HashedMap::new();
        for i in 0..1000 {
            map.insert(format!("#/components/schemas/S{i}"), i);
        }
        assert_eq!(map.get("#/components/schemas/S999"), Some(&999));
        assert_eq!(map.get("#/components/schemas/S1000"), None);
    }
}
