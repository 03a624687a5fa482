//! The pathway through the API: whether a department may join a stage in a year.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use masteryhub_domain::AcademicYear;
use masteryhub_domain::pathway::{Eligibility, Stage};
use serde::Serialize;

use crate::AppState;
use crate::access::ApiUser;
use crate::api::schools::{path_text, strict_urn};
use crate::eligibility::eligibility_for;
use crate::error::{ApiError, FieldError};

/// The answer, with what was asked.
#[derive(Debug, Serialize)]
pub struct EligibilityAnswer {
    pub urn: i64,
    pub stage: &'static str,
    pub academic_year: String,
    #[serde(flatten)]
    pub eligibility: Eligibility,
}

/// `GET /api/v1/schools/{urn}/eligibility?stage=embedding&year=2021-22`
pub async fn eligibility(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    path: Result<Path<String>, PathRejection>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<EligibilityAnswer>, ApiError> {
    let urn = strict_urn(&path_text(path)?)?;
    let (stage, year) = parse(&pairs)?;
    let answer = eligibility_for(&state, &user, urn, stage, year).await?;
    Ok(Json(EligibilityAnswer {
        urn: i64::from(urn),
        stage: stage.as_str(),
        academic_year: year.to_string(),
        eligibility: answer,
    }))
}

/// The stage and year asked about, or every wrong or missing parameter.
fn parse(pairs: &[(String, String)]) -> Result<(Stage, AcademicYear), ApiError> {
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
        (Some(stage), Some(year)) if errors.is_empty() => Ok((stage, year)),
        _ => Err(ApiError::BadRequest(errors)),
    }
}
