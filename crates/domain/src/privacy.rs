//! Personal data in the audit trail, for people who may not see people.
//!
//! The trail keeps the fields of every change, and some are about people. Whoever may not open
//! the People pages ([`crate::policy::Principal::sees_personal_data`]: national viewers on
//! `/admin/audit`, hub and school roles on a school's or hub's history) sees the trail with these
//! withheld:
//!
//! - **every email address**, wherever it is: in a field, in a list, in free text such as a
//!   reason, and in who made the change;
//! - **records about a person** (`person`): every field (name, address, roles, token labels)
//!   and who made the change (often the person themselves); the record's number, the action and
//!   the time stay, so the trail still shows that something happened;
//! - in other records, **the fields that name people**: an application's Mastery Advocates and
//!   senior leader, a nominated teacher.
//!
//! Kept: who changed any other record (staff acting in their role: saying who changed a record
//! is what the trail is for), what changed and when. Names typed into free text (a reason for
//! declining) cannot be told from other words and stay; addresses in it are withheld.

/// What a withheld field or author reads.
pub const WITHHELD: &str = "withheld";

/// What a withheld email address reads.
pub const EMAIL_WITHHELD: &str = "[email address withheld]";

/// Whether records of this type are about a person: their fields and author are withheld whole.
pub fn is_about_a_person(record_type: &str) -> bool {
    record_type == "person"
}

/// Whether a field of a record that is not a person's names or addresses people.
pub fn names_people(field: &str) -> bool {
    matches!(
        field,
        "advocates" | "senior_leader" | "senior_leader_name" | "teacher" | "teacher_name"
    ) || field.contains("email")
}

/// `text` with every word that looks like an email address (text, `@`, text, without spaces)
/// replaced by [`EMAIL_WITHHELD`]; the spaces between words are kept. Conservative: a word that
/// merely looks like an address is withheld too.
pub fn withhold_email_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(word_end);
        let looks_like_address = word
            .split_once('@')
            .is_some_and(|(before, after)| !before.is_empty() && !after.is_empty());
        out.push_str(if looks_like_address {
            EMAIL_WITHHELD
        } else {
            word
        });
        let space_end = after
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(after.len());
        out.push_str(&after[..space_end]);
        rest = &after[space_end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn addresses_are_withheld_wherever_they_are_and_other_words_kept() {
        assert_eq!(
            withhold_email_addresses("Asked for by jo.bloggs@school.example, twice"),
            "Asked for by [email address withheld] twice"
        );
        assert_eq!(
            withhold_email_addresses("ann@x.example"),
            "[email address withheld]"
        );
        assert_eq!(
            withhold_email_addresses("  (<ann@x.example>)\n and @mention or a@ @b "),
            "  [email address withheld]\n and @mention or a@ @b "
        );
        assert_eq!(
            withhold_email_addresses("\"><svg/onload=alert(3)>@x.example"),
            "[email address withheld]"
        );
        assert_eq!(withhold_email_addresses(""), "");
        assert_eq!(
            withhold_email_addresses("No address here."),
            "No address here."
        );
    }

    #[test]
    fn people_are_named_in_these_fields_and_not_in_others() {
        for field in [
            "advocates",
            "senior_leader",
            "teacher",
            "teacher_email",
            "email",
        ] {
            assert!(names_people(field), "{field}");
        }
        for field in ["name", "status", "reason", "academic_year", "focus", "lead"] {
            assert!(!names_people(field), "{field}");
        }
        assert!(is_about_a_person("person"));
        assert!(!is_about_a_person("school"));
    }

    proptest! {
        /// No `@` with text either side is left in a word.
        #[test]
        fn nothing_that_looks_like_an_address_is_left(text in "[a-z@. \\n<>]{0,40}") {
            let withheld = withhold_email_addresses(&text);
            for word in withheld.split_whitespace() {
                prop_assert!(
                    !word
                        .split_once('@')
                        .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty()),
                    "{:?} in {:?}",
                    word,
                    withheld
                );
            }
        }
    }
}
