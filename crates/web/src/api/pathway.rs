//! The pathway through the API: whether a department may join a stage in a year.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use masteryhub_domain::AcademicYear;
use masteryhub_domain::pathway::{Eligibility, ReasonCode, Stage};
use serde::Serialize;
use utoipa::openapi::ObjectBuilder;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::access::ApiUser;
use crate::api::openapi::{BAD_REQUEST, INTERNAL, PROBLEM, UNAUTHORIZED, parameter, string};
use crate::api::schools::{UrnPath, path_text, strict_urn};
use crate::eligibility::eligibility_for;
use crate::error::{ApiError, FieldError, Problem};
use crate::views::year_param;

/// The answer, with what was asked: eligible exactly when there is no reason against.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Eligibility)]
pub struct EligibilityAnswer {
    pub urn: i64,
    #[schema(schema_with = stage_schema)]
    pub stage: &'static str,
    /// Like 2025/26.
    pub academic_year: String,
    pub eligible: bool,
    /// Every reason against, each code at most once.
    pub reasons: Vec<EligibilityReason>,
    /// Codes of programmes the department must join too (Embedding: NCP21-14).
    pub co_requisites: Vec<String>,
}

/// One reason a department may not join.
#[derive(Debug, Serialize, ToSchema)]
pub struct EligibilityReason {
    /// The stable code.
    #[schema(schema_with = reason_code_schema)]
    pub code: &'static str,
    /// The reason, for a head of maths.
    pub message: String,
}

impl EligibilityAnswer {
    fn new(urn: i64, stage: Stage, year: AcademicYear, eligibility: &Eligibility) -> Self {
        Self {
            urn,
            stage: stage.as_str(),
            academic_year: year.to_string(),
            eligible: eligibility.is_eligible(),
            reasons: eligibility
                .reasons()
                .iter()
                .map(|reason| EligibilityReason {
                    code: reason.code.as_str(),
                    message: reason.message.clone(),
                })
                .collect(),
            co_requisites: eligibility.co_requisites().to_vec(),
        }
    }
}

/// Every stage's code.
fn stage_schema() -> ObjectBuilder {
    string().enum_values(Some(Stage::ALL.map(Stage::as_str)))
}

/// Every reason's code.
fn reason_code_schema() -> ObjectBuilder {
    string().enum_values(Some(ReasonCode::ALL.map(ReasonCode::as_str)))
}

/// What is asked: a stage and an academic year.
#[derive(Debug, Clone, Copy)]
pub struct EligibilityParams {
    pub stage: Stage,
    pub year: AcademicYear,
}

/// The parameters as the OpenAPI document states them: what [`parse`] accepts (it reads
/// `2025/26` too, which the document leaves out since a query writes it `2025-26`).
impl IntoParams for EligibilityParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let years: Vec<String> = AcademicYear::all().map(year_param).collect();
        vec![
            parameter(
                "stage",
                ParameterIn::Query,
                true,
                "The stage asked about.",
                stage_schema(),
            ),
            parameter(
                "year",
                ParameterIn::Query,
                true,
                format!(
                    "The academic year, like 2025-26 (2025/26 is read too): from {} to {}.",
                    years.first().map_or("", String::as_str),
                    years.last().map_or("", String::as_str),
                ),
                string().enum_values(Some(years.iter().map(String::as_str))),
            ),
        ]
    }
}

/// Whether a school's maths department may join a stage in an academic year.
#[utoipa::path(
    get,
    path = "/api/v1/schools/{urn}/eligibility",
    operation_id = "getEligibility",
    tag = "pathway",
    summary = "Whether a school's maths department may join a stage in an academic year, with \
        every reason against",
    description = "The department's history counts its predecessor schools' years (academy \
        conversions) exactly as its own. A school not in the register, or outside the token's \
        reach, is answered eligible: false with the reason school_not_found.",
    params(UrnPath, EligibilityParams),
    responses(
        (status = 200, description = "The answer.", body = EligibilityAnswer),
        (status = 400, description = BAD_REQUEST, body = Problem, content_type = PROBLEM),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = PROBLEM),
        (status = 500, description = INTERNAL, body = Problem, content_type = PROBLEM),
    ),
    security(("bearerAuth" = []))
)]
pub async fn eligibility(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    path: Result<Path<String>, PathRejection>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<EligibilityAnswer>, ApiError> {
    let urn = strict_urn(&path_text(path)?)?;
    let EligibilityParams { stage, year } = parse(&pairs)?;
    let answer = eligibility_for(&state, &user, urn, stage, year).await?;
    Ok(Json(EligibilityAnswer::new(
        i64::from(urn),
        stage,
        year,
        &answer,
    )))
}

/// The stage and year asked about, or every wrong or missing parameter.
fn parse(pairs: &[(String, String)]) -> Result<EligibilityParams, ApiError> {
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let mut errors = Vec::new();
    let mut error = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        });
    };
    let stage = match value("stage") {
        None => {
            error(
                "stage",
                "is required: development, embedding, sustaining, …".into(),
            );
            None
        }
        Some(text) => Stage::parse(text)
            .map_err(|e| error("stage", e.to_string()))
            .ok(),
    };
    let year = match value("year") {
        None => {
            error("year", "is required, like 2025-26".into());
            None
        }
        Some(text) => AcademicYear::parse(text)
            .map_err(|e| error("year", e.to_string()))
            .ok(),
    };
    for (key, _) in pairs {
        if key != "stage" && key != "year" {
            error(key, "is not a parameter of this request".into());
        }
    }
    match (stage, year) {
        (Some(stage), Some(year)) if errors.is_empty() => Ok(EligibilityParams { stage, year }),
        _ => Err(ApiError::BadRequest(errors)),
    }
}
