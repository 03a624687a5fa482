//! Reading and generating GIAS extracts.
