//! Pathway records for tests: Work Groups and applications in every state.

use masteryhub_domain::AcademicYear;
use masteryhub_domain::pathway::{ApplicationStatus, Stage};
use masteryhub_store::pathway::applications::{ApplicationFields, Move};
use masteryhub_store::pathway::specialists::{Nomination, SpecialistDecision};
use masteryhub_store::pathway::work_groups::WorkGroupFields;
use std::collections::BTreeMap;

use crate::app::{TestApp, operator};

/// A Development Work Group in each hub for next year (2027/28 from the tests' 25 November
/// 2026: the year after the current one).
pub struct Pathway<'a> {
    app: &'a TestApp,
    pub year: AcademicYear,
    /// `2027-28`
    pub year_param: String,
    pub jur_group: i64,
    pub lcw_group: i64,
    development_code: String,
}

impl<'a> Pathway<'a> {
    pub async fn new(app: &'a TestApp) -> Self {
        let year = AcademicYear::parse("2027/28").expect("year");
        let db = &app.db.db;
        let development_code = db
            .programmes(year)
            .await
            .expect("catalogue")
            .into_iter()
            .find(|p| p.stage == Stage::Development)
            .expect("a Development programme")
            .code
            .as_str()
            .to_owned();
        let mut fields = WorkGroupFields {
            name: "Jurassic Development A".into(),
            programme_code: development_code.clone(),
            focus: "Years 7–11 Coherence".into(),
            lead_person_id: None,
            capacity: 30,
            status: "recruiting".into(),
        };
        let jur_group = db
            .create_work_group("JUR", year, &fields, &operator(), app.now())
            .await
            .expect("group");
        fields.name = "London Development A".into();
        let lcw_group = db
            .create_work_group("LCW", year, &fields, &operator(), app.now())
            .await
            .expect("group");
        Self {
            app,
            year,
            year_param: "2027-28".into(),
            jur_group,
            lcw_group,
            development_code,
        }
    }

    /// The id of next year's stored Development programme.
    pub async fn programme_id(&self) -> i64 {
        self.app
            .db
            .db
            .catalogue(self.year)
            .await
            .expect("catalogue")
            .into_iter()
            .find(|e| e.programme.stage == Stage::Development)
            .and_then(|e| e.id)
            .expect("stored")
    }

    /// A Work Group form, filled in.
    pub fn group_form(&self, name: &str) -> String {
        format!(
            "name={}&programme={}&focus={}&lead=&capacity=30&status=recruiting",
            name.replace(' ', "+"),
            self.development_code,
            "Years+7%E2%80%9311+Coherence"
        )
    }

    /// A draft with every section filled in, for Development in `year`.
    pub async fn complete_draft(&self, urn: i64, year: AcademicYear) -> i64 {
        let id = self
            .app
            .db
            .db
            .create_application(urn, year, Stage::Development, &operator(), self.app.now())
            .await
            .expect("draft");
        let fields = ApplicationFields {
            work_group_id: None,
            advocate_1_name: "Ann Advocate".into(),
            advocate_1_email: "ann@school.example".into(),
            advocate_2_name: "Bo Advocate".into(),
            advocate_2_email: "bo@school.example".into(),
            senior_leader_name: "Sam Senior".into(),
            senior_leader_role: "Deputy headteacher".into(),
            senior_leader_statement: "We will release both teachers for every session.".into(),
            release_time_confirmed: true,
        };
        self.app
            .db
            .db
            .save_application(id, &fields, &operator(), self.app.now())
            .await
            .expect("save");
        id
    }

    /// A submitted application for Development in `year`.
    pub async fn submitted(&self, urn: i64, year: AcademicYear) -> i64 {
        let id = self.complete_draft(urn, year).await;
        let submit = Move {
            from: Some(ApplicationStatus::Draft),
            to: ApplicationStatus::Submitted,
            reason: None,
            work_group_id: None,
            emails: Vec::new(),
        };
        self.app
            .db
            .db
            .move_application(id, &submit, &operator(), self.app.now())
            .await
            .expect("submit");
        id
    }
}

impl Pathway<'_> {
    /// A Specialists Programme nomination from a school, for next year.
    pub async fn nomination(&self, urn: i64) -> i64 {
        self.nomination_in(urn, self.year).await
    }

    /// A Specialists Programme nomination from a school, to start training in `year`.
    pub async fn nomination_in(&self, urn: i64, year: AcademicYear) -> i64 {
        let nomination = Nomination {
            urn,
            academic_year: year,
            teacher_name: "Tess Teacher".into(),
            teacher_email: "tess@school.example".into(),
            qualified_teacher_status: true,
            years_teaching_mathematics: 5,
            lead_teacher_statement: "I lead KS3 maths.".into(),
            senior_leader_name: "Sam Senior".into(),
            senior_leader_statement: "We support Tess.".into(),
        };
        self.app
            .db
            .db
            .nominate_specialist(&nomination, &[], &operator(), self.app.now())
            .await
            .expect("nominate")
    }

    /// A specialist starting training next year, from an accepted nomination.
    pub async fn specialist(&self, urn: i64) -> i64 {
        self.specialist_from(urn, self.year).await
    }

    /// A specialist who started (or starts) training in `started`, from an accepted nomination.
    pub async fn specialist_from(&self, urn: i64, started: AcademicYear) -> i64 {
        let id = self.nomination_in(urn, started).await;
        let decision = SpecialistDecision {
            accept: true,
            scores: BTreeMap::new(),
            reason: None,
            emails: Vec::new(),
        };
        let db = &self.app.db.db;
        db.decide_specialist_application(id, &decision, &operator(), self.app.now())
            .await
            .expect("accept");
        let hub = db
            .specialist_application(id)
            .await
            .expect("read")
            .and_then(|a| a.hub_code)
            .expect("hub");
        db.hub_specialists(&hub)
            .await
            .expect("specialists")
            .into_iter()
            .map(|s| s.id)
            .max()
            .expect("a specialist")
    }
}

/// The academic year starting in `start`.
pub fn year(start: usize) -> AcademicYear {
    AcademicYear::starting(i32::try_from(start).expect("a year")).expect("a year")
}
