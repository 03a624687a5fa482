use masteryhub_store::links_import::{LinkDirection, NewLink};
use masteryhub_store::testing::TestDb;
use time::macros::date;

use crate::support::{NOW, import, school, urn};

fn link(urn: i64, link_urn: i64, kind: &str, direction: LinkDirection) -> NewLink {
    NewLink {
        urn,
        link_urn,
        link_name: format!("School {link_urn}"),
        link_type: kind.into(),
        direction,
        established: Some(date!(2011 - 11 - 01)),
    }
}

#[tokio::test]
async fn a_school_shows_its_predecessors_and_successors() {
    let t = TestDb::new().await;
    let mut old = school(113393, "Chudleigh Knighton Primary");
    old.open = false;
    import(&t.db, &[old, school(137666, "Chudleigh Knighton Academy")]).await;
    let mut links = t.db.begin_link_import("links.csv").await.expect("begin");
    links
        .add(link(
            137666,
            113393,
            "Predecessor",
            LinkDirection::Predecessor,
        ))
        .await
        .expect("add");
    links
        .add(link(113393, 137666, "Successor", LinkDirection::Successor))
        .await
        .expect("add");
    links
        .add(link(113393, 999999, "Other", LinkDirection::Other))
        .await
        .expect("add");
    let summary = links.finish(NOW).await.expect("finish");
    assert_eq!((summary.read, summary.inserted), (3, 3));

    let academy =
        t.db.school(urn(137666))
            .await
            .expect("read")
            .expect("exists");
    assert_eq!(academy.predecessors.len(), 1);
    assert_eq!(academy.predecessors[0].urn, 113393);
    assert_eq!(academy.predecessors[0].name, "Chudleigh Knighton Primary");
    assert!(academy.predecessors[0].known);
    assert!(academy.successors.is_empty());
    let old =
        t.db.school(urn(113393))
            .await
            .expect("read")
            .expect("exists");
    assert_eq!(
        old.successors.iter().map(|l| l.urn).collect::<Vec<_>>(),
        vec![137666]
    );
    assert!(old.predecessors.is_empty(), "'other' links are neither");

    let mut again = t.db.begin_link_import("links.csv").await.expect("begin");
    again
        .add(link(
            137666,
            113393,
            "Predecessor",
            LinkDirection::Predecessor,
        ))
        .await
        .expect("add");
    let summary = again.finish(NOW).await.expect("finish");
    assert_eq!(
        (
            summary.read,
            summary.inserted,
            summary.updated,
            summary.unchanged
        ),
        (1, 0, 0, 1)
    );
}
