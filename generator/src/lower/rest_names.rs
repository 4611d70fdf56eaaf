//! Which operations get the names users of REST SDKs expect (`list`, `create`, `retrieve`,
//! `update`, `replace`, `delete`): only where the name is unambiguous on its resource and says
//! what the operation does; the others keep their operationIds' names.

use std::collections::BTreeSet;

use super::operation::LoweredOperation;
use super::types::TypeRegistry;
use crate::model::{HttpMethod, Operation, ResponseBody, RustType};
use crate::naming;

/// The REST name of each of a resource's operations, in their order, where one fits; `named`
/// is the resource's name in snake case.
pub(super) fn conventional_names(
    ops: &[LoweredOperation],
    types: &TypeRegistry,
    named: &str,
) -> Vec<Option<&'static str>> {
    let sibling = |op: &Operation, method: HttpMethod| {
        ops.iter()
            .any(|other| other.operation.http_method == method && other.operation.path == op.path)
    };
    // On a resource of several collections, only one named like the resource gets `list`,
    // `retrieve`…: among the many of Vault's `auth()`, `/auth/token/roles/{name}` does not.
    // A collection under another's items (`/chat/completions/{id}/messages`) is a part of it,
    // not a rival.
    let every: BTreeSet<&str> = ops
        .iter()
        .filter(|op| conventional_name(&op.operation).is_some() || is_item_path(&op.operation.path))
        .map(|op| collection_of(&op.operation.path))
        .collect();
    let under_another = |path: &str| {
        every.iter().any(|other| {
            path.strip_prefix(other)
                .is_some_and(|rest| rest.starts_with("/{"))
        })
    };
    let collections: BTreeSet<&str> = every
        .iter()
        .copied()
        .filter(|path| !under_another(path))
        .collect();
    // The collections whose items have paths of their own (`/things` beside `/things/{id}`).
    let with_items: BTreeSet<&str> = ops
        .iter()
        .filter(|op| is_item_path(&op.operation.path))
        .map(|op| collection_of(&op.operation.path))
        .collect();
    // Of the collections named like the resource, those with the fewest path parameters
    // (`/organization/certificates`, not `/organization/projects/{id}/certificates`, on
    // `certificates()`), and of those the ones with its very name (Lago's `/coupons`, not
    // `/applied_coupons`, on `coupons()`).
    let params = |path: &str| path.matches('{').count();
    let mut named_like: Vec<&str> = collections
        .iter()
        .copied()
        .filter(|path| names_resource(path, named))
        .collect();
    let fewest = named_like.iter().map(|path| params(path)).min();
    named_like.retain(|path| Some(params(path)) == fewest);
    if named_like.iter().any(|path| has_resource_name(path, named)) {
        named_like.retain(|path| has_resource_name(path, named));
    }
    // A resource's one collection gets them too if it has items and does not name a part of
    // the resource (Mistral's `batch()` of `/v1/batch/jobs`), but not the Museum's
    // `operations()` of only `GET /museum-hours`, nor LaunchDarkly's `metrics_beta()` of
    // `/metric-groups`.
    let plain = |op: &Operation| {
        let collection = collection_of(&op.path);
        let only = collections.len() == 1 && collections.contains(collection);
        (only && with_items.contains(collection) && !names_a_part(collection, named))
            || named_like.contains(&collection)
    };
    ops.iter()
        .map(|lowered| {
            let op = &lowered.operation;
            let name = conventional_name(op).filter(|name| {
                plain(op) && says(name, lowered, with_items.contains(op.path.as_str()), types)
            });
            match (name, op.http_method) {
                // Beside a PATCH of the same item, a PUT replaces it rather than updating it.
                (Some(_), HttpMethod::Put) if sibling(op, HttpMethod::Patch) => Some("replace"),
                // APIs without PUT or PATCH (Stripe's, say) update an item with a POST.
                (_, HttpMethod::Post)
                    if is_item_path(&op.path)
                        && plain(op)
                        && says("update", lowered, false, types)
                        && !sibling(op, HttpMethod::Put)
                        && !sibling(op, HttpMethod::Patch) =>
                {
                    Some("update")
                }
                (name, _) => name,
            }
        })
        .collect()
}

/// Whether the path addresses one item of a collection: `/things/{id}`,
/// `/files/{key}/comments/{id}`.
fn is_item_path(path: &str) -> bool {
    let mut segments = path.split('/').filter(|s| !s.is_empty()).rev();
    let is_param = |s: &str| s.starts_with('{');
    segments.next().is_some_and(is_param) && segments.next().is_some_and(|s| !is_param(s))
}

/// The collection a collection or item path addresses: `/things` of `/things/{id}`.
fn collection_of(path: &str) -> &str {
    match path.rsplit_once('/') {
        Some((collection, last)) if last.starts_with('{') => collection,
        _ => path,
    }
}

/// Whether the collection `path` reaches is the resource `module` (`/v1/customers/{id}` on
/// `customers`, `/Accounts/{Sid}` on `api_account`), so `list` or `retrieve` on the resource
/// reads as that collection's; Vault's `auth()` holds `/auth/token/roles/{name}`, whose
/// `retrieve` would not say what it retrieves.
fn names_resource(path: &str, module: &str) -> bool {
    let Some(collection) = collection_words(path) else {
        return false;
    };
    let module = module_words(module);
    // `special_events` on `events`, `voice_consents` on `audio_voice_consents`, `auditlog` on
    // `audit_log`, `fine_tunes` on `fine_tuning`, or one word of the resource's or its start
    // (`namespaces` on `namespace_operations`, `orgs` on `organizations`).
    collection.ends_with(&module)
        || stemmed(&collection) == stemmed(&module)
        || module.ends_with(&collection)
        || (0..module.len()).any(|skip| {
            module
                .iter()
                .skip(skip)
                .map(String::as_str)
                .collect::<String>()
                == collection.concat()
        })
        || matches!(collection.as_slice(), [word] if word.len() > 2
            && module.iter().any(|name| name.starts_with(word.as_str())))
}

/// Whether the collection `path` reaches names a part of the resource, its words and more
/// (LaunchDarkly's `/metric-groups` on `metrics`); whole words, since `/applications` on
/// `apps` is the resource itself.
fn names_a_part(path: &str, module: &str) -> bool {
    let (Some(collection), module) = (collection_words(path), module_words(module)) else {
        return false;
    };
    collection.len() > module.len() && collection.starts_with(&module)
}

/// Whether the collection `path` reaches has the resource's very name (`/coupons` on
/// `coupons`, where `/applied_coupons` is only named like it).
fn has_resource_name(path: &str, module: &str) -> bool {
    collection_words(path).is_some_and(|words| words == module_words(module))
}

/// The singular words of the last named segment of `path`, if it has one.
fn collection_words(path: &str) -> Option<Vec<String>> {
    let collection = naming::last_path_name(path);
    // Twilio's `/Accounts.json`: the extension says only how the answer is written.
    let collection = collection
        .split_once('.')
        .map_or(collection, |(name, _)| name);
    (!collection.is_empty()).then(|| singular_words(&naming::snake_name(collection)))
}

/// The singular words of a resource's module name, but a last `beta`: a tag marking a stage
/// (LaunchDarkly's `Insights pull requests (beta)`) names no collection.
fn module_words(module: &str) -> Vec<String> {
    let mut words = singular_words(module);
    if words.len() > 1 && words.last().is_some_and(|word| word == "beta") {
        words.pop();
    }
    words
}

fn singular_words(snake_name: &str) -> Vec<String> {
    snake_name.split('_').map(singular).collect()
}

/// `words` with the last one without the `-ing` or `-e` that tell a verb from its noun:
/// `fine_tuning` and `fine_tunes` name one thing.
fn stemmed(words: &[String]) -> Vec<String> {
    let mut words = words.to_vec();
    if let Some(last) = words.last_mut() {
        *last = stem(last);
    }
    words
}

/// `word` without a last `-ing` or `-e`.
fn stem(word: &str) -> String {
    let word = word
        .strip_suffix("ing")
        .filter(|stem| stem.len() > 2)
        .unwrap_or(word);
    word.strip_suffix('e')
        .filter(|stem| stem.len() > 2)
        .unwrap_or(word)
        .to_string()
}

/// An English plural's singular, near enough to compare names (`addresses`, `statuses`,
/// `policies`); a word that is no plural is kept.
fn singular(word: &str) -> String {
    // `movies` and `movie` alike.
    if let Some(stem) = word.strip_suffix("ies").or_else(|| word.strip_suffix("ie")) {
        return format!("{stem}y");
    }
    let es = ["sses", "uses", "xes", "ches", "shes"];
    if es.iter().any(|ending| word.ends_with(ending)) {
        return word.trim_end_matches("es").to_string();
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.ends_with('u') => stem.to_string(),
        _ => word.to_string(),
    }
}

/// Words of an operationId that say it changes an item.
const UPDATE_VERBS: &[&str] = &["update", "modify", "edit", "post", "patch", "set", "change"];

/// Words of an operationId that say it creates.
const CREATE_VERBS: &[&str] = &["create", "add", "new", "insert"];

/// Words of an operationId that say a DELETE ends what the item does rather than removing
/// it: a cancelled letter or a revoked token is still there to read.
const ENDING_VERBS: &[&str] = &["cancel", "deactivate", "revoke", "disable", "stop", "abort"];

/// Verbs that open an operationId or summary of a read: a POST to a collection can be a search.
const READ_VERBS: &[&str] = &["search", "query", "find", "filter", "list", "get", "count"];

/// Whether the conventional `name` says what `op` does: `list` for what returns a list or
/// has `items` of its own, `create` for what its id's first word says creates, or what has
/// items or an id saying so or `post` unless its id or summary opens with a read
/// (LaunchDarkly's `postAuditLogEntries`, "Search audit log entries"), `update` unless
/// the operationId names another verb (GitHub's `POST /markdown` renders, Elasticsearch's
/// `PUT /_data_stream/{name}` creates), and `delete` unless it says the DELETE cancels,
/// revokes or the like (Telnyx's `CancelMessage`).
fn says(name: &str, lowered: &LoweredOperation, items: bool, types: &TypeRegistry) -> bool {
    let id = lowered.operation_id.as_deref().map(naming::snake_name);
    let words: Vec<&str> = id
        .as_deref()
        .map_or(Vec::new(), |id| id.split('_').collect());
    let names = |verbs: &[&str]| id.is_none() || words.iter().any(|word| verbs.contains(word));
    let op = &lowered.operation;
    match name {
        "list" => {
            items
                || op.pagination.is_some()
                || matches!(&op.response, ResponseBody::Json(ty)
                    if matches!(types.behind_aliases(ty), RustType::Vec(_)))
                || holds_the_list(op, types)
        }
        "create" => {
            let id_verb = words.first().copied().unwrap_or_default();
            let summary = op.summary.as_deref().unwrap_or_default();
            let summary_verb = summary.split_whitespace().next().unwrap_or_default();
            let reads = [id_verb, &summary_verb.to_lowercase()]
                .iter()
                .any(|word| READ_VERBS.contains(&singular(word).as_str()));
            CREATE_VERBS.contains(&id_verb)
                || (!reads && (items || names(CREATE_VERBS) || names(&["post"])))
        }
        // A PUT or PATCH updates unless its id says it creates or adds (GitHub's
        // `enterprise-teams/add-assignment`); a POST to an item must say so.
        "update" if op.http_method == HttpMethod::Post => names(UPDATE_VERBS),
        "update" => !words.iter().any(|word| CREATE_VERBS.contains(word)) || names(UPDATE_VERBS),
        "delete" => {
            !words.iter().any(|word| ENDING_VERBS.contains(word))
                || names(&["delete", "remove", "destroy"])
        }
        _ => true,
    }
}

/// Whether `op` answers with an object holding its collection's items as its one list, under
/// `items`, `data`, `results` or the collection's name (LaunchDarkly's `{items, totalCount}`).
fn holds_the_list(op: &Operation, types: &TypeRegistry) -> bool {
    let ResponseBody::Json(ty) = &op.response else {
        return false;
    };
    let collection = naming::snake_name(naming::last_path_name(&op.path));
    let fields = types.struct_fields(ty).unwrap_or_default();
    let mut lists = fields
        .iter()
        .filter(|field| matches!(field.ty.unboxed(), RustType::Vec(_)));
    match (lists.next(), lists.next()) {
        (Some(list), None) => {
            let name = naming::snake_name(&list.wire_name);
            ["items", "data", "results"].contains(&name.as_str()) || name == collection
        }
        _ => false,
    }
}

/// The name users of REST SDKs expect for a collection or item operation.
fn conventional_name(op: &Operation) -> Option<&'static str> {
    let last = op.path.rsplit('/').find(|s| !s.is_empty())?;
    if is_item_path(&op.path) {
        match op.http_method {
            HttpMethod::Get => Some("retrieve"),
            HttpMethod::Put | HttpMethod::Patch => Some("update"),
            HttpMethod::Delete => Some("delete"),
            HttpMethod::Post | HttpMethod::Head => None,
        }
    } else if last.starts_with('{') {
        None
    } else {
        match op.http_method {
            HttpMethod::Get => Some("list"),
            HttpMethod::Post => Some("create"),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{names_a_part, names_resource, singular};

    #[test]
    fn plurals_become_singular_and_other_words_stay() {
        let words = [
            "addresses",
            "statuses",
            "policies",
            "batches",
            "jobs",
            "status",
            "access",
        ];
        let singulars: Vec<String> = words.iter().map(|word| singular(word)).collect();
        assert_eq!(
            singulars,
            ["address", "status", "policy", "batch", "job", "status", "access"]
        );
    }

    #[test]
    fn a_collection_names_its_resource_whole_by_its_end_or_by_a_word() {
        assert!(names_resource("/v1/customers/{id}", "customers"));
        assert!(names_resource("/special-events", "events"));
        assert!(names_resource(
            "/audio/voice_consents",
            "audio_voice_consents"
        ));
        assert!(names_resource("/namespaces", "namespace_operations"));
        assert!(names_resource("/orgs/{orgID}", "organizations"));
        assert!(names_resource(
            "/2010-04-01/Accounts.json",
            "api20100401_account"
        ));
    }

    #[test]
    fn a_collection_of_another_name_does_not_name_the_resource() {
        assert!(!names_resource("/auth/token/roles/{role_name}", "auth"));
        assert!(!names_resource("/notifications/threads/{id}", "activity"));
        assert!(!names_resource("/{id}", "things"));
        assert!(!names_resource("/logs", "catalogs"));
        assert!(!names_resource("/notes", "notifications"));
        assert!(!names_resource("/files", "filters"));
    }

    #[test]
    fn a_collection_named_with_the_noun_of_the_resources_verb_names_it() {
        assert!(names_resource("/fine-tunes/{id}", "fine_tuning"));
        assert!(names_resource("/releases", "releasing_beta"));
        assert!(!names_resource("/strings", "streams"));
    }

    #[test]
    fn a_collection_of_the_resources_words_and_more_names_a_part_of_it() {
        assert!(names_a_part("/metric-groups/{key}", "metrics_beta"));
        assert!(names_a_part("/synonym_sets", "synonyms"));
        assert!(!names_a_part("/applications/{id}", "apps"));
        assert!(!names_a_part("/metrics", "metrics"));
    }
}
