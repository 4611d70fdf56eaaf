//! String enums compare and hash by the value they are sent as, so a value
//! kept in `Unknown` is the known variant it spells.

use std::collections::HashSet;

use telnyx_recordings_api::models::RecordingChannels;

#[test]
fn an_unknown_value_spelled_like_a_known_one_equals_it() {
    assert_eq!(
        RecordingChannels::Unknown("dual".into()),
        RecordingChannels::Dual
    );
}

#[test]
fn values_sent_as_different_strings_differ() {
    assert_ne!(RecordingChannels::Single, RecordingChannels::Dual);
    assert_ne!(
        RecordingChannels::Unknown("triple".into()),
        RecordingChannels::Unknown("quad".into())
    );
}

#[test]
fn values_sent_as_the_same_string_are_one_set_member() {
    let channels: HashSet<RecordingChannels> = [
        RecordingChannels::Single,
        RecordingChannels::Unknown("single".into()),
    ]
    .into_iter()
    .collect();
    assert_eq!(channels.len(), 1);
}
