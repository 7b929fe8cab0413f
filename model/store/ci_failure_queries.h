#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

class SqliteDatabase;

// What the CI failure metrics (model/metrics/ci_failures) read: jobs whose log gave a failure
// fingerprint (job name + first error line, METRICS.md "Repeat incidents") and flaky test results, for
// runs started in [fromMs, toMs) (a run without a start time counts by its creation time).

struct CiFailureFact
{
    std::int64_t jobId = 0;
    std::int64_t runId = 0;
    QString jobName;
    QString status;
    QString conclusion;
    QString service; // the fingerprint's service (the CI project)
    QString fingerprint; // normalised job name + error line
    QString errorLine;
    std::int64_t at = 0; // job start, else the run's start or creation
    QString headSha; // empty when the run names no commit
};

// One test result marked flaky: it failed and passed on one commit (test_cases.flaky), or the report
// itself said so (outcome "flaky", a JUnit rerun that passed).
struct FlakyResultFact
{
    std::int64_t id = 0;
    QString suite;
    QString classname;
    QString name;
    QString commitSha;
    std::int64_t at = 0;
};

struct CiFailureFacts
{
    std::vector<CiFailureFact> failures; // by time, then job id
    std::vector<FlakyResultFact> flaky; // by time, then id
};

CiFailureFacts loadCiFailureFacts(const SqliteDatabase& db, std::int64_t fromMs, std::int64_t toMs);

} // namespace faultline::store
