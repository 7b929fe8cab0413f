#pragma once

#include "demo/demo_plan.h"

#include <QStringList>

namespace faultline::demo {

// Writes the plan's CI runs into `dir` in the real export formats (GitHub Actions runs and jobs
// JSON, job logs, a JUnit report); returns the files written, for the CI importer. `shas` are the
// git writer's commit ids, by index into Plan::commits.
//
// Layout (all files are detected by content; the names only help the importer find a log's job):
//  - runs.jsonl: one line per run attempt, each the per-attempt view
//    `gh api repos/O/R/actions/runs/ID/attempts/N` (REST run fields, run_attempt, jobs_url naming the
//    attempt, so every attempt keeps its own created_at/run_started_at);
//  - jobs.jsonl: one line per job of every attempt, `gh api --paginate
//    "repos/O/R/actions/runs/ID/jobs?filter=all" --jq '.jobs[]'` (REST jobs with steps[]);
//  - logs/job_<job id>.txt: each job's raw log as `gh api repos/O/R/actions/jobs/ID/logs` serves it
//    (BOM, 7-digit timestamps, ##[group]Run markers at each step's start, actions/cache lines,
//    ##[error] lines in the failed step);
//  - junit/job_<job id>.xml: a go-junit-report report for each job that has planned test cases.
// Runs, jobs and steps carry the plan's times; runs and jobs to the second (the REST format has no
// fraction), steps and log lines to the millisecond. Nothing depends on the clock or on hash order:
// the same plan and shas give the same bytes. Throws std::runtime_error when a file cannot be
// written or `shas` lacks a run's head commit.
QStringList writeCiExports(const Plan& plan, const std::vector<QString>& shas, const QString& dir);

} // namespace faultline::demo
