use super::*;

#[test]
fn a_number_making_a_name_unique_is_set_apart_after_a_digit() {
    let mut taken = FxHashSet::default();
    let names = ["EtcGmt1", "EtcGmt1", "EtcGmt12", "Variant", "Variant"];
    let given: Vec<String> = names
        .iter()
        .map(|name| unique(name.to_string(), &mut taken))
        .collect();
    assert_eq!(
        given,
        ["EtcGmt1", "EtcGmt1_2", "EtcGmt12", "Variant", "Variant2"]
    );
}

#[test]
fn numbers_in_adjacent_snake_case_words_stay_apart_in_camel_case() {
    assert_eq!(type_name("bits1_5"), "Bits1_5");
    assert_eq!(type_name("list_v1_2"), "ListV1_2");
    assert_eq!(type_name("media_bridge_2026_03"), "MediaBridge2026_03");
    assert_eq!(type_name("v1_beta"), "V1Beta");
    assert_eq!(variant_name("bits1_5"), "Bits1_5");
}

#[test]
fn type_names_are_upper_camel_case() {
    assert_eq!(type_name("download_urls"), "DownloadUrls");
    assert_eq!(type_name("RecordingResponse"), "RecordingResponse");
    assert_eq!(type_name("x.y"), "XY");
}

#[test]
fn names_that_are_not_identifiers_become_identifiers() {
    assert_eq!(type_name("123abc"), "T123abc");
    assert_eq!(snake_name("123abc"), "_123abc");
    assert_eq!(snake_name("foo-bar"), "foo_bar");
    assert_eq!(snake_name("café"), "caf");
    assert_eq!(variant_name("1080p"), "V1080p");
    assert_eq!(variant_name("self"), "SelfValue");
    assert_eq!(snake_name("***"), "value");
}

#[test]
fn names_already_in_case_come_out_as_heck_makes_them() {
    let names = [
        "RecordingResponse",
        "Op0Thing",
        "A1B",
        "AbC",
        "ABc",
        "HTTPServer",
        "Id",
        "ID",
        "a",
        "A",
        "x9Y",
        "Ab9C",
        "recording_id",
        "page_size2",
        "a_b_c",
        "_a",
        "a_",
        "a__b",
        "created_at",
        "a1b_c2",
        "a_1b",
        "aB",
        "a-b",
        "1abc",
        "snake_Case",
        "café",
        "",
        "_",
        "9",
    ];
    for name in names {
        let words = ascii_words(name);
        assert_eq!(upper_camel(name), heck_camel(&words), "{name}");
        assert_eq!(snake(name), words.to_snake_case(), "{name}");
    }
}

proptest::proptest! {
    #[test]
    fn the_shortcuts_agree_with_heck(name in "[A-Za-z0-9_é /-]{0,10}") {
        let words = ascii_words(&name);
        proptest::prop_assert_eq!(upper_camel(&name), heck_camel(&words));
        proptest::prop_assert_eq!(snake(&name), compound_words(&words).to_snake_case());
        // heck's casing but for the `_` where two numbers meet.
        let camel = heck_camel(&words).replace('_', "");
        proptest::prop_assert_eq!(camel, words.to_upper_camel_case());
    }

    #[test]
    fn the_shortcuts_agree_with_heck_on_snake_case_names(name in "[a-z0-9_]{0,12}") {
        let words = ascii_words(&name);
        proptest::prop_assert_eq!(upper_camel(&name), heck_camel(&words));
        proptest::prop_assert_eq!(snake(&name), words.to_snake_case());
    }

    #[test]
    fn words_cased_one_by_one_name_what_the_joined_words_do(
        words in proptest::collection::vec("[A-Za-z0-9_é~{}\\[\\]. -]{0,8}", 0..6)
    ) {
        let joined = words.join(" ");
        proptest::prop_assert_eq!(
            snake_name_of_words(words.iter().map(String::as_str)),
            snake_name(&joined)
        );
    }
}

#[test]
fn keywords_get_a_trailing_underscore() {
    assert_eq!(snake_name("type"), "type_");
    assert_eq!(snake_name("self"), "self_");
    assert_eq!(snake_name("match"), "match_");
}

#[test]
fn schemas_may_not_shadow_prelude_types() {
    assert_eq!(type_name("string"), "StringModel");
    assert_eq!(type_name("Result"), "ResultModel");
    // Traits the generated models implement or take by name.
    assert_eq!(type_name("into"), "IntoModel");
    assert_eq!(type_name("eq"), "EqModel");
    assert_eq!(type_name("PartialEq"), "PartialEqModel");
}

#[test]
fn unique_appends_the_smallest_free_number() {
    let mut taken = BTreeSet::new();
    assert_eq!(unique("a".into(), &mut taken), "a");
    assert_eq!(unique("a".into(), &mut taken), "a2");
    assert_eq!(unique("a".into(), &mut taken), "a3");
}

#[test]
fn a_leading_sign_in_an_enum_value_is_kept_as_a_word() {
    assert_eq!(variant_name("-created_at"), "MinusCreatedAt");
    assert_eq!(variant_name("-1"), "Minus1");
    assert_eq!(variant_name("+E.164"), "PlusE164");
    assert_eq!(variant_name("-"), "Minus");
}

#[test]
fn a_sign_starting_a_number_is_kept_as_a_word() {
    assert_eq!(snake_name("+1"), "plus_1");
    assert_eq!(snake_name("-1"), "minus_1");
    assert_eq!(variant_name("reactions-+1"), "ReactionsPlus1");
    assert_eq!(variant_name("reactions--1"), "ReactionsMinus1");
    assert_eq!(type_name("-1"), "Minus1");
    // A hyphen between a word and a number still only separates them.
    assert_eq!(snake_name("utc-5"), "utc_5");
}

#[test]
fn an_enum_value_of_symbols_only_is_spelled_symbol_by_symbol() {
    let names: Vec<String> = ["=", "!=", "<", "<=", ">=", "~", "!~", "^", "$", " "]
        .into_iter()
        .map(variant_name)
        .collect();
    assert_eq!(
        names,
        [
            "Equals",
            "NotEquals",
            "LessThan",
            "LessThanEquals",
            "GreaterThanEquals",
            "Tilde",
            "NotTilde",
            "Caret",
            "Dollar",
            "Space"
        ]
    );
    assert_eq!(variant_name(""), "Empty");
}

#[test]
fn two_capitals_around_a_slash_are_one_word() {
    assert_eq!(snake_name("Data I/O endpoints"), "data_io_endpoints");
    assert_eq!(type_name("A/B tests"), "AbTests");
    // Not where either side is part of a longer word, or not a capital.
    assert_eq!(snake_name("TCP/IP"), "tcp_ip");
    assert_eq!(snake_name("AB/C"), "ab_c");
    assert_eq!(snake_name("a/B"), "a_b");
}

#[test]
fn an_acronym_s_plural_is_one_word() {
    assert_eq!(snake_name("Redirect URLs"), "redirect_urls");
    assert_eq!(snake_name("memberIDs"), "member_ids");
    assert_eq!(snake_name("OryAPIs"), "ory_apis");
    assert_eq!(snake_name("IDsByName"), "ids_by_name");
    assert_eq!(type_name("healthyAllocationIDs"), "HealthyAllocationIds");
    assert_eq!(type_name("URLs2"), "Urls2");
    // Capitals before a longer word, or a lone capital, are left as heck splits them.
    assert_eq!(snake_name("HTTPServer"), "http_server");
    assert_eq!(snake_name("USStates"), "us_states");
    assert_eq!(snake_name("As"), "as_");
    assert_eq!(kebab_name("Ory APIs"), "ory-apis");
}

#[test]
fn a_verb_glued_to_the_path_s_last_segment_is_split_off() {
    let unglued = |name: &str, verb: &str, path: &str| unglued_verb(name.to_string(), verb, path);
    let settings = "/indexes/{indexUid}/settings/displayed-attributes";
    assert_eq!(
        unglued("putdisplayed_attributes", "put", settings),
        "put_displayed_attributes"
    );
    assert_eq!(unglued("getusers", "get", "/users/{id}"), "get_users");
}

#[test]
fn a_name_that_is_not_a_verb_glued_to_the_last_segment_is_kept() {
    let unglued = |name: &str, verb: &str, path: &str| unglued_verb(name.to_string(), verb, path);
    assert_eq!(
        unglued("postcards_create", "post", "/postcards"),
        "postcards_create"
    );
    assert_eq!(unglued("get_users", "get", "/users"), "get_users");
    assert_eq!(unglued("getter", "get", "/users"), "getter");
    assert_eq!(unglued("get", "get", "/"), "get");
}

#[test]
fn a_technology_name_in_mixed_case_is_one_word_in_snake_case() {
    assert_eq!(snake_name("listOAuth2Clients"), "list_oauth2_clients");
    assert_eq!(
        snake_name("getWebAuthnJavaScript"),
        "get_webauthn_javascript"
    );
    assert_eq!(snake_name("iOS"), "ios");
    assert_eq!(
        snake_name("device_assurance macOS"),
        "device_assurance_macos"
    );
    assert_eq!(snake_name("importOpenAPI"), "import_openapi");
    assert_eq!(snake_name("oAuth2"), "oauth2");
}

#[test]
fn letters_that_only_look_like_a_technology_name_are_cased_as_before() {
    assert_eq!(snake_name("OAuthorize"), "o_authorize");
    assert_eq!(snake_name("ratiOS"), "rati_os");
    assert_eq!(type_name("OAuth2Client"), "OAuth2Client");
}

#[test]
fn the_path_and_verb_fastapi_appends_to_an_operation_id_are_taken_off() {
    let path = "/v1/observability/campaigns/{campaign_id}/status";
    let name = "get_campaign_status_by_id_v1_observability_campaigns_campaign_id_status_get";
    assert_eq!(
        without_route_suffix(name.to_string(), "get", path),
        "get_campaign_status_by_id"
    );
}

#[test]
fn a_name_without_the_route_suffix_or_that_is_only_it_is_kept() {
    let kept = |name: &str| without_route_suffix(name.to_string(), "post", "/v1/files");
    assert_eq!(kept("upload_file"), "upload_file");
    assert_eq!(kept("upload_file_v1_files_get"), "upload_file_v1_files_get");
    assert_eq!(kept("_v1_files_post"), "_v1_files_post");
}
