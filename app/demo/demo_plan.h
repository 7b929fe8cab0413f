#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

// The story of the demo team (issue 9): one deterministic plan per seed, from which each writer
// produces the inputs a tech lead would export (git repository, CI runs, deployments, incidents, pull
// requests). Every writer reads this plan and nothing else, so the exports agree with one another.
namespace faultline::demo {

inline constexpr std::int64_t kMinuteMs = 60LL * 1000;
inline constexpr std::int64_t kHourMs = 60 * kMinuteMs;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;

// How an AI-assisted commit is marked, each as the tool writes it (../shared/docs/AI_MARKERS.md).
enum class AiMarker
{
    None,
    ClaudeTrailer, // "Co-Authored-By: Claude <noreply@anthropic.com>"
    ClaudeModelTrailer, // "Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>"
    Aider, // author and committer name "<name> (aider)"
    CopilotAgent, // author "Copilot <198982749+Copilot@…>", committer GitHub, trailer naming the human
    CursorTrailer, // "Co-authored-by: Cursor <cursoragent@cursor.com>"
    AssistedBy, // "Assisted-by: Claude:claude-sonnet-4-5" (kernel-style policy trailer)
    GitAiNote, // no message marker; a git-ai authorship note in refs/notes/ai names the AI lines
};

struct Person
{
    QString name;
    QString email;
    QString login; // forge login (pull requests, reviews)
};

// One edit of one file, applied to the file as it was before the commit: `removeCount` lines from
// 0-based line `at` are replaced by `addCount` new lines. A new file has `create` (at = removeCount = 0).
struct FileChange
{
    QString path;
    bool create = false;
    int at = 0;
    int removeCount = 0;
    int addCount = 0;
};

struct Commit
{
    int author = 0; // index into Plan::people
    AiMarker marker = AiMarker::None;
    QString subject;
    // Message body without the marker's trailer (the git writer adds that, and for a revert the
    // "This reverts commit <sha>." line once the sha exists).
    QString body;
    std::int64_t authoredMs = 0;
    std::int64_t committedMs = 0; // history order: strictly increasing along Plan::commits
    QString service; // the service whose directory it changes
    std::vector<FileChange> changes;
    int pullRequest = -1; // index into Plan::pulls; -1 for a direct push to main (hotfix, revert)
    int reverts = -1; // index of the commit this one reverts
    bool hotfix = false;
    bool aiAssisted() const { return marker != AiMarker::None; }
};

struct Review
{
    int reviewer = 0; // index into Plan::people
    std::int64_t atMs = 0;
    QString state; // "APPROVED", "CHANGES_REQUESTED", "COMMENTED"
};

struct PullRequest
{
    int number = 0;
    int author = 0; // index into Plan::people; the Copilot agent's PRs name the assigning human here
    bool byCopilotAgent = false; // opened by the Copilot coding agent (login "Copilot")
    QString title;
    QString body;
    QString branch; // head ref, e.g. "priya/checkout-retry" or "copilot/fix-cart-total"
    std::vector<int> commits; // indices into Plan::commits, in order
    std::int64_t createdMs = 0;
    std::int64_t mergedMs = 0; // every planned pull request is merged (fast-forward onto main)
    std::vector<Review> reviews;
    QString service;
    bool aiAssisted = false;
};

struct TestCase
{
    QString suite; // JUnit classname
    QString name;
    double seconds = 0;
    bool failed = false;
    QString message; // failure message when failed
};

struct Step
{
    QString name; // "Set up job", "Checkout", "Restore cache", "Run tests", …
    std::int64_t startedMs = 0;
    std::int64_t completedMs = 0;
    QString conclusion; // "success", "failure", "skipped"
};

struct Job
{
    std::int64_t id = 0;
    QString name; // "build", "lint", "unit-tests", "e2e"
    QString runnerLabel; // "ubuntu-latest", "ubuntu-latest-8-cores"
    std::int64_t queuedMs = 0;
    std::int64_t startedMs = 0;
    std::int64_t completedMs = 0;
    QString conclusion; // "success", "failure"
    std::vector<Step> steps;
    bool usesCache = false;
    bool cacheHit = false; // the "Restore cache" step found its key (log says so)
    QString errorLine; // first error line of a failed job's log, e.g. "FAIL: TestCartTotal (0.02s)"
    std::vector<TestCase> tests; // the unit-tests job's JUnit report
};

// One attempt of one workflow run (a re-run is a second Run with the same id and attempt 2).
struct Run
{
    std::int64_t id = 0;
    int attempt = 1;
    QString workflow; // "CI"
    QString event; // "pull_request" or "push"
    QString branch; // head branch ("main" for pushes)
    int headCommit = 0; // index into Plan::commits
    int pullRequest = -1; // index into Plan::pulls for pull_request runs
    std::int64_t createdMs = 0;
    std::int64_t updatedMs = 0;
    QString conclusion; // "success", "failure"
    std::vector<Job> jobs;
};

struct Deployment
{
    std::int64_t id = 0;
    QString service;
    QString environment; // "staging", "production"
    int commit = 0; // index into Plan::commits: the head deployed
    std::int64_t createdMs = 0;
    std::int64_t finishedMs = 0;
    QString status; // "success", "failure"
    bool rollback = false; // redeploys an earlier commit after a failure
    bool viaArgoCd = false; // recorded in the Argo CD application history, not the CSV
};

struct Incident
{
    std::int64_t id = 0;
    int number = 0; // PagerDuty incident_number
    QString title;
    QString service;
    QString urgency; // "high", "low"
    std::int64_t createdMs = 0;
    std::int64_t acknowledgedMs = 0;
    std::int64_t resolvedMs = 0;
    int causedBy = -1; // index into Plan::deployments; -1 for an incident no change caused
};

struct Plan
{
    std::uint32_t seed = 0;
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
    QString repository; // "acme/shop"
    std::vector<Person> people;
    QStringList services; // each lives under services/<name>/
    QStringList plantedDirectories; // where AI-assisted lines are rewritten sooner and more often
    std::vector<Commit> commits; // linear history, oldest first
    std::vector<PullRequest> pulls; // by number
    std::vector<Run> runs; // by creation
    std::vector<Deployment> deployments; // by creation
    std::vector<Incident> incidents; // by creation
};

// The same seed gives the same plan on every run.
Plan planDemo(std::uint32_t seed);

// The deployment the linker links `incident` to, as an index into Plan::deployments, -1 for none.
// Incident exports name no deployment: the linker takes the latest successful production deployment of
// the incident's service that finished no later than the incident and at most 72 h before it
// (link.incident_window_hours), compared at the whole seconds the exports carry.
int linkedDeployment(const Plan& plan, const Incident& incident);

} // namespace faultline::demo
