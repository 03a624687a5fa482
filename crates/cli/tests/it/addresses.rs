//! Every address the domain accepts is one the mailer (lettre) can send to.

use std::str::FromStr;

use lettre::Address;
use lettre::message::Mailbox;
use masteryhub_domain::Email;
use proptest::prelude::*;

/// Local parts typed with characters of every kind, including ones an address may not hold.
const ANY_LOCAL_PART: &str =
    "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.\"(),:;<>@\\[\\]\\\\ \t\r\n\u{0}é-]{1,70}";

fn accepted_by_the_mailer(text: &str) -> Result<(), TestCaseError> {
    if let Ok(email) = Email::parse(text) {
        let address = Address::from_str(email.as_str());
        prop_assert!(address.is_ok(), "lettre refuses {:?}", email.as_str());
        let mailbox = Mailbox::new(Some("Ann Smith".to_owned()), address.expect("checked"));
        prop_assert!(
            lettre::Message::builder()
                .from(mailbox.clone())
                .to(mailbox)
                .subject("Test")
                .body(String::from("Hello"))
                .is_ok()
        );
    }
    Ok(())
}

#[test]
fn known_addresses() {
    for text in [
        "ann@school.example",
        "Ann.O'Neil+maths@st-mary.sch.uk",
        "\"><svg/onload=alert(3)>@x.example",
        "a..b@x.example",
        "ann@-x.example",
        "ann@x_y.example",
        "\"ann smith\"@x.example",
        "ann@[127.0.0.1]",
        "josé@x.example",
    ] {
        accepted_by_the_mailer(text).expect(text);
    }
}

#[test]
fn the_mailer_refuses_what_the_old_rule_let_through() {
    // The old rule asked only for text either side of one `@`, a dot in the domain and no
    // spaces: these passed it, and no mailbox has them.
    for text in [
        "\"><svg/onload=alert(3)>@x.example",
        "a..b@x.example",
        "ann@-x.example",
    ] {
        assert!(Address::from_str(text).is_err(), "lettre takes {text}");
        assert!(Email::parse(text).is_err(), "the domain takes {text}");
    }
}

proptest! {
    #[test]
    fn every_address_the_domain_accepts_the_mailer_accepts(
        local in ANY_LOCAL_PART,
        domain in "[a-zA-Z0-9.\\-_é@\\[\\]]{1,80}",
    ) {
        accepted_by_the_mailer(&format!("{local}@{domain}"))?;
    }

    #[test]
    fn any_text_the_domain_accepts_the_mailer_accepts(text in any::<String>()) {
        accepted_by_the_mailer(&text)?;
    }

    #[test]
    fn likely_addresses_the_domain_accepts_the_mailer_accepts(
        text in "[a-z0-9.+'_-]{1,20}@[a-z0-9-]{1,10}(\\.[a-z0-9-]{1,10}){1,3}",
    ) {
        accepted_by_the_mailer(&text)?;
    }
}
