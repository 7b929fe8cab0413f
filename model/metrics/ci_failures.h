#pragma once

#include "metrics/metrics_options.h"
#include "store/ci_failure_queries.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::metrics {

// METRICS.md: "CI failures get fingerprints the same way from job/step name + the first error line of
// the log", clustered as incidents are (one fingerprint, merged with similar ones of the same service);
// and flaky tests, "the same test fails and passes on the same commit". Over the runs of the period.

struct CiFailureCluster
{
    QString fingerprint; // of the cluster's earliest failure
    QString service;
    QString job; // the earliest failure's job name
    QString errorLine; // the earliest failure's first error line, as the log printed it
    std::int64_t count = 0; // failed jobs
    std::int64_t runs = 0; // distinct run attempts
    std::int64_t commits = 0; // distinct head commits (runs without one are not counted)
    std::int64_t firstMs = 0;
    std::int64_t lastMs = 0;
    std::vector<std::int64_t> jobIds; // the failures, by time then id (the drill-down rows)
};

struct FlakyTest
{
    QString test; // "classname.name", or "suite: name" without a class
    std::int64_t results = 0; // flaky results in the period
    std::int64_t commits = 0; // distinct commits they were flaky on
    std::int64_t lastMs = 0;
    std::vector<std::int64_t> resultIds; // test_cases ids, by time then id
};

struct CiFailures
{
    std::int64_t failedJobs = 0; // failed jobs whose log gave a fingerprint
    std::vector<CiFailureCluster> clusters; // most failures first, then latest, then fingerprint
    std::int64_t flakyResults = 0;
    std::vector<FlakyTest> flakyTests; // most flaky results first, then by name
};

// Jobs that did not fail (allowed failures that passed, a success whose log printed an error) are left
// out: a fingerprint alone is not a failure.
CiFailures computeCiFailures(const store::CiFailureFacts& facts, const MetricsOptions& options,
                             double similarity = 0.6);

} // namespace faultline::metrics
