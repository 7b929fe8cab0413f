#include "demo_ci_writer.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

namespace faultline::demo {

namespace {

constexpr std::int64_t kSecondMs = 1000;
constexpr std::int64_t kRepositoryId = 731846215;
constexpr std::int64_t kOwnerId = 151339104;
constexpr std::int64_t kFirstPersonId = 52613001;
constexpr std::int64_t kCopilotId = 198982749;
constexpr std::int64_t kFirstWorkflowId = 96120301;
constexpr int kRunners = 40;

// ---- times ----

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// "2026-05-04T09:12:33" of epoch milliseconds, in UTC (proleptic Gregorian, H. Hinnant's algorithm).
QByteArray isoBase(std::int64_t ms)
{
    const std::int64_t seconds = floorDiv(ms, kSecondMs);
    std::int64_t days = floorDiv(seconds, 86400);
    const std::int64_t secondOfDay = seconds - days * 86400;
    days += 719468;
    const std::int64_t era = floorDiv(days, 146097);
    const auto doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned day = doy - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = std::int64_t(yoe) + era * 400 + (month <= 2 ? 1 : 0);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(year),
                  month, day, int(secondOfDay / 3600), int(secondOfDay / 60 % 60), int(secondOfDay % 60));
    return QByteArray(buffer);
}

int millisOf(std::int64_t ms)
{
    return int(ms - floorDiv(ms, kSecondMs) * kSecondMs);
}

// REST runs and jobs: whole seconds.
QByteArray isoSeconds(std::int64_t ms)
{
    return isoBase(ms) + 'Z';
}

// REST job steps: "2023-01-10T08:24:27.000Z".
QByteArray isoMillis(std::int64_t ms)
{
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, ".%03dZ", millisOf(ms));
    return isoBase(ms) + buffer;
}

// Raw log lines: seven fractional digits, i.e. ticks of 100 ns.
QByteArray logStamp(std::int64_t ticks)
{
    const std::int64_t ms = floorDiv(ticks, 10000);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, ".%03d%04dZ ", millisOf(ms), int(ticks - ms * 10000));
    return isoBase(ms) + buffer;
}

QByteArray seconds3(double seconds)
{
    return QByteArray::number(seconds < 0 ? 0.0 : seconds, 'f', 3);
}

// ---- JSON ----

QByteArray jsonString(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

// A compact JSON object whose members keep the order they are added in (the order GitHub prints).
class JsonObject
{
public:
    JsonObject& raw(const char* key, const QByteArray& json)
    {
        m_body += m_body.isEmpty() ? "\"" : ",\"";
        m_body += key;
        m_body += "\":";
        m_body += json;
        return *this;
    }
    JsonObject& str(const char* key, const QString& value) { return raw(key, jsonString(value)); }
    JsonObject& strOrNull(const char* key, const QString& value)
    {
        return raw(key, value.isEmpty() ? QByteArray("null") : jsonString(value));
    }
    JsonObject& num(const char* key, std::int64_t value) { return raw(key, QByteArray::number(value)); }
    JsonObject& boolean(const char* key, bool value) { return raw(key, value ? "true" : "false"); }
    QByteArray json() const { return '{' + m_body + '}'; }

private:
    QByteArray m_body;
};

QByteArray jsonArray(const std::vector<QByteArray>& elements)
{
    QByteArray out = "[";
    for (size_t i = 0; i < elements.size(); ++i) {
        if (i > 0)
            out += ',';
        out += elements[i];
    }
    return out + ']';
}

QByteArray nodeId(const char* prefix, std::int64_t id)
{
    return QByteArray(prefix)
        + QByteArray::number(id).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// ---- XML ----

QByteArray xmlAttribute(const QString& text)
{
    QByteArray out;
    for (const char c : text.toUtf8()) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\n':
            out += "&#xA;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

QByteArray cdata(const QString& text)
{
    QByteArray utf8 = text.toUtf8();
    utf8.replace("]]>", "]]]]><![CDATA[>");
    return "<![CDATA[" + utf8 + "]]>";
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()
        || !file.flush())
        throw std::runtime_error(
            QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()).toStdString());
}

// ---- the export ----

class CiExport
{
public:
    CiExport(const Plan& plan, const std::vector<QString>& shas)
        : m_plan(plan)
        , m_shas(shas)
        , m_api(QStringLiteral("https://api.github.com/repos/") + plan.repository)
        , m_web(QStringLiteral("https://github.com/") + plan.repository)
    {
        const qsizetype slash = plan.repository.indexOf(QLatin1Char('/'));
        m_owner = slash > 0 ? plan.repository.left(slash) : plan.repository;
        m_name = slash > 0 ? plan.repository.mid(slash + 1) : plan.repository;
        int number = 0;
        for (const Run& run : plan.runs) {
            if (!m_runNumbers.count(run.id))
                m_runNumbers[run.id] = ++number;
            if (!m_workflowIds.count(run.workflow))
                m_workflowIds[run.workflow] = kFirstWorkflowId + std::int64_t(m_workflowIds.size());
        }
    }

    QByteArray runLine(const Run& run) const
    {
        const QString sha = shaOf(run.headCommit);
        const QString runUrl = m_api + QStringLiteral("/actions/runs/") + QString::number(run.id);
        const QString attemptUrl = runUrl + QStringLiteral("/attempts/") + QString::number(run.attempt);
        const std::int64_t checkSuite = run.id * 3 + run.attempt;
        const bool pull = run.event == QLatin1String("pull_request") && validPull(run.pullRequest);
        const QString title = pull ? m_plan.pulls[size_t(run.pullRequest)].title : subjectOf(run.headCommit);
        std::vector<QByteArray> pulls;
        if (pull)
            pulls.push_back(pullJson(m_plan.pulls[size_t(run.pullRequest)], sha));
        const QByteArray actor = actorOf(run);

        JsonObject o;
        o.num("id", run.id)
            .str("name", run.workflow)
            .raw("node_id", jsonString(QString::fromLatin1(nodeId("WFR_kwLO", run.id))))
            .str("head_branch", run.branch)
            .str("head_sha", sha)
            .str("path", workflowPath(run.workflow))
            .str("display_title", title)
            .num("run_number", m_runNumbers.at(run.id))
            .str("event", run.event)
            .str("status", QStringLiteral("completed"))
            .strOrNull("conclusion", run.conclusion)
            .num("workflow_id", m_workflowIds.at(run.workflow))
            .num("check_suite_id", checkSuite)
            .raw("check_suite_node_id", jsonString(QString::fromLatin1(nodeId("CS_kwDO", checkSuite))))
            .str("url", runUrl)
            .str("html_url", m_web + QStringLiteral("/actions/runs/") + QString::number(run.id))
            .raw("pull_requests", jsonArray(pulls))
            .raw("created_at", '"' + isoSeconds(run.createdMs) + '"')
            .raw("updated_at", '"' + isoSeconds(run.updatedMs) + '"')
            .raw("actor", actor)
            .num("run_attempt", run.attempt)
            .raw("referenced_workflows", "[]")
            .raw("run_started_at", '"' + isoSeconds(run.createdMs) + '"')
            .raw("triggering_actor", actor)
            .str("jobs_url", attemptUrl + QStringLiteral("/jobs"))
            .str("logs_url", attemptUrl + QStringLiteral("/logs"))
            .str("check_suite_url", m_api + QStringLiteral("/check-suites/") + QString::number(checkSuite))
            .str("artifacts_url", runUrl + QStringLiteral("/artifacts"))
            .str("cancel_url", runUrl + QStringLiteral("/cancel"))
            .str("rerun_url", runUrl + QStringLiteral("/rerun"))
            .strOrNull("previous_attempt_url",
                       run.attempt > 1
                           ? runUrl + QStringLiteral("/attempts/") + QString::number(run.attempt - 1)
                           : QString())
            .str("workflow_url",
                 m_api + QStringLiteral("/actions/workflows/")
                     + QString::number(m_workflowIds.at(run.workflow)))
            .raw("head_commit", headCommitJson(run.headCommit, sha))
            .raw("repository", repositoryJson())
            .raw("head_repository", repositoryJson());
        return o.json();
    }

    QByteArray jobLine(const Run& run, const Job& job) const
    {
        const QString runUrl = m_api + QStringLiteral("/actions/runs/") + QString::number(run.id);
        std::vector<QByteArray> steps;
        for (size_t i = 0; i < job.steps.size(); ++i) {
            const Step& step = job.steps[i];
            JsonObject s;
            s.str("name", step.name)
                .str("status", QStringLiteral("completed"))
                .strOrNull("conclusion", step.conclusion)
                .num("number", std::int64_t(i + 1))
                .raw("started_at", '"' + isoMillis(step.startedMs) + '"')
                .raw("completed_at", '"' + isoMillis(step.completedMs) + '"');
            steps.push_back(s.json());
        }
        std::vector<QByteArray> labels;
        if (!job.runnerLabel.isEmpty())
            labels.push_back(jsonString(job.runnerLabel));

        JsonObject o;
        o.num("id", job.id)
            .num("run_id", run.id)
            .str("workflow_name", run.workflow)
            .str("head_branch", run.branch)
            .str("run_url", runUrl)
            .num("run_attempt", run.attempt)
            .raw("node_id", jsonString(QString::fromLatin1(nodeId("CR_kwDOK", job.id))))
            .str("head_sha", shaOf(run.headCommit))
            .str("url", m_api + QStringLiteral("/actions/jobs/") + QString::number(job.id))
            .str("html_url",
                 m_web + QStringLiteral("/actions/runs/") + QString::number(run.id) + QStringLiteral("/job/")
                     + QString::number(job.id))
            .str("status", QStringLiteral("completed"))
            .strOrNull("conclusion", job.conclusion)
            .raw("created_at", '"' + isoSeconds(job.queuedMs) + '"')
            .raw("started_at", '"' + isoSeconds(job.startedMs) + '"')
            .raw("completed_at", '"' + isoSeconds(job.completedMs) + '"')
            .str("name", job.name)
            .raw("steps", jsonArray(steps))
            .str("check_run_url", m_api + QStringLiteral("/check-runs/") + QString::number(job.id))
            .raw("labels", jsonArray(labels))
            .num("runner_id", runnerNumber(job))
            .str("runner_name", runnerName(job))
            .num("runner_group_id", 2)
            .str("runner_group_name", QStringLiteral("GitHub Actions"));
        return o.json();
    }

    QByteArray jobLog(const Run& run, const Job& job) const
    {
        Log log;
        // The queue, as hosted runners print it before the first step.
        const QString ref = run.event == QLatin1String("pull_request") && validPull(run.pullRequest)
            ? QStringLiteral("refs/pull/%1/merge").arg(m_plan.pulls[size_t(run.pullRequest)].number)
            : QStringLiteral("refs/heads/") + run.branch;
        const std::int64_t runnerAt = std::max(job.queuedMs, job.startedMs - 2 * kSecondMs);
        log.line(job.queuedMs, QStringLiteral("Requested labels: ") + job.runnerLabel, true);
        log.line(job.queuedMs,
                 QStringLiteral("Job defined at: %1/%2@%3")
                     .arg(m_plan.repository, workflowPath(run.workflow), ref));
        log.line(job.queuedMs, QStringLiteral("Waiting for a runner to pick up this job..."));
        log.line(runnerAt,
                 QStringLiteral("Job is about to start running on the hosted runner: %1 (hosted)")
                     .arg(runnerName(job)));

        const int failing = failingStep(job);
        for (size_t i = 0; i < job.steps.size(); ++i) {
            const Step& step = job.steps[i];
            if (step.conclusion == QLatin1String("skipped"))
                continue; // a skipped step logs nothing
            QStringList lines = stepLines(run, job, step);
            if (int(i) == failing) {
                if (!job.errorLine.isEmpty())
                    lines << QStringLiteral("##[error]") + job.errorLine;
                lines << QStringLiteral("##[error]Process completed with exit code 1.");
            }
            const std::int64_t span = std::max<std::int64_t>(0, step.completedMs - step.startedMs);
            for (qsizetype k = 0; k < lines.size(); ++k)
                log.line(step.startedMs + span * k / lines.size(), lines[k], k == 0);
        }
        return log.bytes;
    }

    // go-junit-report output: one <testsuite> per package (the plan's suite), in planned order.
    QByteArray junitReport(const Job& job) const
    {
        std::vector<std::pair<QString, std::vector<const TestCase*>>> suites;
        for (const TestCase& test : job.tests) {
            auto it = std::find_if(suites.begin(), suites.end(),
                                   [&](const auto& suite) { return suite.first == test.suite; });
            if (it == suites.end()) {
                suites.emplace_back(test.suite, std::vector<const TestCase*>());
                it = suites.end() - 1;
            }
            it->second.push_back(&test);
        }
        int failures = 0;
        for (const TestCase& test : job.tests)
            failures += test.failed ? 1 : 0;
        const QByteArray timestamp = isoSeconds(testStepStart(job));
        const QByteArray host = xmlAttribute(runnerName(job));

        QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        xml += "<testsuites tests=\"" + QByteArray::number(qsizetype(job.tests.size())) + "\" failures=\""
            + QByteArray::number(failures) + "\">\n";
        for (size_t s = 0; s < suites.size(); ++s) {
            const auto& [name, tests] = suites[s];
            int suiteFailures = 0;
            double seconds = 0;
            for (const TestCase* test : tests) {
                suiteFailures += test->failed ? 1 : 0;
                seconds += test->seconds;
            }
            const QByteArray suite = xmlAttribute(name);
            xml += "\t<testsuite name=\"" + suite + "\" tests=\""
                + QByteArray::number(qsizetype(tests.size())) + "\" failures=\""
                + QByteArray::number(suiteFailures) + "\" errors=\"0\" id=\""
                + QByteArray::number(qsizetype(s)) + "\" hostname=\"" + host + "\" skipped=\"0\" time=\""
                + seconds3(seconds) + "\" timestamp=\"" + timestamp + "\">\n";
            xml += "\t\t<properties>\n\t\t\t<property name=\"go.version\" value=\"go1.22.5 "
                   "linux/amd64\"></property>\n"
                   "\t\t</properties>\n";
            for (const TestCase* test : tests) {
                xml += "\t\t<testcase name=\"" + xmlAttribute(test->name) + "\" classname=\"" + suite
                    + "\" time=\"" + seconds3(test->seconds) + "\">";
                if (test->failed)
                    xml += "\n\t\t\t<failure message=\"Failed\">"
                        + cdata(QStringLiteral("    ") + test->message) + "</failure>\n\t\t";
                xml += "</testcase>\n";
            }
            if (suiteFailures > 0)
                xml += "\t\t<system-out><![CDATA[FAIL]]></system-out>\n";
            xml += "\t</testsuite>\n";
        }
        xml += "</testsuites>\n";
        return xml;
    }

private:
    struct Log
    {
        QByteArray bytes;
        int lines = 0;
        std::int64_t lastTicks = std::numeric_limits<std::int64_t>::min();
        // `ms` plus a sub-millisecond part that varies from line to line, as in real logs, and
        // never goes back in time.
        void line(std::int64_t ms, const QString& text, bool bom = false)
        {
            if (bom)
                bytes += "\xEF\xBB\xBF";
            std::int64_t ticks = ms * 10000 + (std::int64_t(++lines) * 7919) % 10000;
            if (ticks <= lastTicks)
                ticks = lastTicks + 1;
            lastTicks = ticks;
            bytes += logStamp(ticks);
            bytes += text.toUtf8();
            bytes += '\n';
        }
    };

    QString shaOf(int commit) const
    {
        if (commit < 0 || size_t(commit) >= m_shas.size() || m_shas[size_t(commit)].isEmpty())
            throw std::runtime_error("demo CI export: no sha for commit " + std::to_string(commit));
        return m_shas[size_t(commit)];
    }

    bool validPull(int index) const { return index >= 0 && size_t(index) < m_plan.pulls.size(); }

    QString subjectOf(int commit) const
    {
        return commit >= 0 && size_t(commit) < m_plan.commits.size() ? m_plan.commits[size_t(commit)].subject
                                                                     : QString();
    }

    static QString workflowPath(const QString& workflow)
    {
        QString file = workflow.toLower();
        file.replace(QLatin1Char(' '), QLatin1Char('-'));
        return QStringLiteral(".github/workflows/") + file + QStringLiteral(".yml");
    }

    QByteArray userJson(const QString& login, std::int64_t id, bool bot) const
    {
        JsonObject o;
        o.str("login", login)
            .num("id", id)
            .raw("node_id", jsonString(QString::fromLatin1(nodeId(bot ? "BOT_kgDO" : "U_kgDO", id))))
            .str("type", bot ? QStringLiteral("Bot") : QStringLiteral("User"))
            .boolean("site_admin", false);
        return o.json();
    }

    QByteArray personJson(int person) const
    {
        if (person < 0 || size_t(person) >= m_plan.people.size())
            return "null";
        return userJson(m_plan.people[size_t(person)].login, kFirstPersonId + person, false);
    }

    // Who started the run: the pull request's author (the Copilot agent for its own), else the
    // author of the pushed commit.
    QByteArray actorOf(const Run& run) const
    {
        if (validPull(run.pullRequest)) {
            const PullRequest& pull = m_plan.pulls[size_t(run.pullRequest)];
            if (pull.byCopilotAgent)
                return userJson(QStringLiteral("Copilot"), kCopilotId, true);
            return personJson(pull.author);
        }
        if (run.headCommit >= 0 && size_t(run.headCommit) < m_plan.commits.size())
            return personJson(m_plan.commits[size_t(run.headCommit)].author);
        return "null";
    }

    QByteArray repositoryJson() const
    {
        JsonObject owner;
        owner.str("login", m_owner)
            .num("id", kOwnerId)
            .raw("node_id", jsonString(QString::fromLatin1(nodeId("O_kgDO", kOwnerId))))
            .str("type", QStringLiteral("Organization"))
            .boolean("site_admin", false);
        JsonObject o;
        o.num("id", kRepositoryId)
            .raw("node_id", jsonString(QString::fromLatin1(nodeId("R_kgDOK", kRepositoryId))))
            .str("name", m_name)
            .str("full_name", m_plan.repository)
            .boolean("private", true)
            .raw("owner", owner.json())
            .str("html_url", m_web)
            .boolean("fork", false)
            .str("url", m_api);
        return o.json();
    }

    QByteArray pullJson(const PullRequest& pull, const QString& headSha) const
    {
        JsonObject repo;
        repo.num("id", kRepositoryId).str("url", m_api).str("name", m_name);
        // The pull request branches off main just before its first commit (history is linear).
        const int base = pull.commits.empty() ? -1 : pull.commits.front() - 1;
        const QString baseSha = base >= 0 && size_t(base) < m_shas.size() ? m_shas[size_t(base)] : headSha;
        JsonObject head;
        head.str("ref", pull.branch).str("sha", headSha).raw("repo", repo.json());
        JsonObject baseRef;
        baseRef.str("ref", QStringLiteral("main")).str("sha", baseSha).raw("repo", repo.json());
        JsonObject o;
        o.str("url", m_api + QStringLiteral("/pulls/") + QString::number(pull.number))
            .num("id", 1900000000LL + pull.number)
            .num("number", pull.number)
            .raw("head", head.json())
            .raw("base", baseRef.json());
        return o.json();
    }

    QByteArray headCommitJson(int index, const QString& sha) const
    {
        if (index < 0 || size_t(index) >= m_plan.commits.size())
            return "null";
        const Commit& commit = m_plan.commits[size_t(index)];
        QString name;
        QString email;
        if (commit.author >= 0 && size_t(commit.author) < m_plan.people.size()) {
            name = m_plan.people[size_t(commit.author)].name;
            email = m_plan.people[size_t(commit.author)].email;
        }
        QString committerName = name;
        QString committerEmail = email;
        if (commit.marker == AiMarker::Aider) {
            name += QStringLiteral(" (aider)");
            committerName = name;
        } else if (commit.marker == AiMarker::CopilotAgent) {
            name = QStringLiteral("Copilot");
            email = QStringLiteral("198982749+Copilot@users.noreply.github.com");
            committerName = QStringLiteral("GitHub");
            committerEmail = QStringLiteral("noreply@github.com");
        }
        JsonObject author;
        author.str("name", name).str("email", email);
        JsonObject committer;
        committer.str("name", committerName).str("email", committerEmail);
        JsonObject o;
        o.str("id", sha)
            .str("message",
                 commit.body.isEmpty() ? commit.subject
                                       : commit.subject + QStringLiteral("\n\n") + commit.body)
            .raw("timestamp", '"' + isoSeconds(commit.committedMs) + '"')
            .raw("author", author.json())
            .raw("committer", committer.json());
        return o.json();
    }

    static int runnerNumber(const Job& job) { return int(((job.id % kRunners) + kRunners) % kRunners) + 1; }

    static QString runnerName(const Job& job)
    {
        return QStringLiteral("GitHub Actions ") + QString::number(runnerNumber(job));
    }

    // Steps the runner adds, which never open with a `##[group]Run` marker.
    static bool isRunnerStep(const QString& name)
    {
        return name == QLatin1String("Set up job") || name == QLatin1String("Complete job")
            || name.startsWith(QLatin1String("Post "));
    }

    // The step whose log ends in the job's error: the last failed step, else (a failed job whose
    // steps all passed) its last workflow step that ran; -1 for a job that passed.
    static int failingStep(const Job& job)
    {
        for (int i = int(job.steps.size()) - 1; i >= 0; --i)
            if (job.steps[size_t(i)].conclusion == QLatin1String("failure"))
                return i;
        if (job.conclusion != QLatin1String("failure"))
            return -1;
        for (int i = int(job.steps.size()) - 1; i >= 0; --i) {
            const Step& step = job.steps[size_t(i)];
            if (!isRunnerStep(step.name) && step.conclusion != QLatin1String("skipped"))
                return i;
        }
        return job.steps.empty() ? -1 : int(job.steps.size()) - 1;
    }

    // When the tests ran: the start of the first step that names tests, else the job's start.
    static std::int64_t testStepStart(const Job& job)
    {
        for (const Step& step : job.steps)
            if (step.name.contains(QLatin1String("test"), Qt::CaseInsensitive))
                return step.startedMs;
        return job.startedMs;
    }

    static QString slug(const QString& name)
    {
        QString s = name.toLower().trimmed();
        if (s.startsWith(QLatin1String("run ")))
            s = s.mid(4);
        QString out;
        for (const QChar c : s)
            out += c.isLetterOrNumber() ? c : QLatin1Char('-');
        return out;
    }

    QString cacheKey(const Run& run, const Job& job) const
    {
        // actions/cache keys hash the lock file: it changes every few weeks.
        const std::int64_t period = floorDiv(run.createdMs - m_plan.startMs, 21 * kDayMs);
        const QByteArray seed
            = (m_plan.repository + QLatin1Char('/') + job.name + QLatin1Char('/') + QString::number(period))
                  .toUtf8();
        QByteArray digest;
        std::uint64_t h = 1469598103934665603ULL; // FNV-1a, stable across platforms and Qt versions
        for (int round = 0; round < 4; ++round) {
            for (const char c : seed) {
                h ^= static_cast<unsigned char>(c);
                h *= 1099511628211ULL;
            }
            h ^= std::uint64_t(round);
            h *= 1099511628211ULL;
            char buffer[20];
            std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
            digest += buffer;
        }
        return QStringLiteral("Linux-go-") + QString::fromLatin1(digest);
    }

    QStringList stepLines(const Run& run, const Job& job, const Step& step) const
    {
        const QString& name = step.name;
        QStringList lines;
        if (name == QLatin1String("Set up job")) {
            lines << QStringLiteral("Current runner version: '2.321.0'")
                  << QStringLiteral("##[group]Operating System") << QStringLiteral("Ubuntu")
                  << QStringLiteral("22.04.5") << QStringLiteral("LTS") << QStringLiteral("##[endgroup]")
                  << QStringLiteral("##[group]Runner Image") << QStringLiteral("Image: ubuntu-22.04")
                  << QStringLiteral("Version: 20241201.1.0") << QStringLiteral("##[endgroup]")
                  << QStringLiteral("Prepare workflow directory")
                  << QStringLiteral("Prepare all required actions")
                  << QStringLiteral("Getting action download info")
                  << QStringLiteral("Download action repository 'actions/checkout@v4' "
                                    "(SHA:11bd71901bbe5b1630ceea73d27597364c9af683)");
            if (job.usesCache)
                lines << QStringLiteral("Download action repository 'actions/cache@v4' "
                                        "(SHA:1bd1e32a3bdc45362d1e726936510720a7c30a57)");
            lines << QStringLiteral("Complete job name: ") + job.name;
        } else if (name == QLatin1String("Complete job")) {
            lines << QStringLiteral("Cleaning up orphan processes");
        } else if (name.startsWith(QLatin1String("Post "))) {
            lines << QStringLiteral("Post job cleanup.");
            if (name == QLatin1String("Post Restore cache")) {
                // On a hit actions/cache prints "Cache hit occurred on the primary key …, not saving
                // cache.", which the log scanner would count as a second hit: left out.
                if (job.usesCache && !job.cacheHit)
                    lines << QStringLiteral(
                                 "[command]/usr/bin/tar --posix -cf cache.tzst --exclude cache.tzst "
                                 "-P -C /home/runner/work/%1/%1 --files-from manifest.txt "
                                 "--use-compress-program zstdmt")
                                 .arg(m_name)
                          << QStringLiteral("Cache Size: ~48 MB (50331648 B)")
                          << QStringLiteral("Cache saved successfully")
                          << QStringLiteral("Cache saved with key: ") + cacheKey(run, job);
            } else {
                lines << QStringLiteral("[command]/usr/bin/git version")
                      << QStringLiteral("git version 2.47.1");
            }
        } else if (name == QLatin1String("Checkout")) {
            const QString sha = shaOf(run.headCommit);
            lines << QStringLiteral("##[group]Run actions/checkout@v4") << QStringLiteral("with:")
                  << QStringLiteral("  repository: ") + m_plan.repository << QStringLiteral("##[endgroup]")
                  << QStringLiteral("Syncing repository: ") + m_plan.repository
                  << QStringLiteral("[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune "
                                    "--no-recurse-submodules --depth=1 origin +%1:refs/remotes/origin/%2")
                         .arg(sha, run.branch)
                  << QStringLiteral("HEAD is now at %1 %2").arg(sha.left(7), subjectOf(run.headCommit));
        } else if (name == QLatin1String("Restore cache")) {
            const QString key = cacheKey(run, job);
            lines << QStringLiteral("##[group]Run actions/cache@v4") << QStringLiteral("with:")
                  << QStringLiteral("  path: ~/go/pkg/mod") << QStringLiteral("  key: ") + key
                  << QStringLiteral("##[endgroup]");
            if (job.usesCache && job.cacheHit)
                lines << QStringLiteral("Received 50331648 of 50331648 (100.0%), 47.9 MBs/sec")
                      << QStringLiteral("Cache Size: ~48 MB (50331648 B)")
                      << QStringLiteral("[command]/usr/bin/tar -xf /home/runner/work/_temp/cache.tzst -P -C "
                                        "/home/runner/work/%1/%1 --use-compress-program unzstd")
                             .arg(m_name)
                      << QStringLiteral("Cache restored successfully")
                      << QStringLiteral("Cache restored from key: ") + key;
            else if (job.usesCache)
                lines << QStringLiteral("Cache not found for input keys: ") + key;
        } else if (name == QLatin1String("Build image")) {
            // docker buildx with the registry cache: on a hit the layers come back CACHED; on a miss
            // BuildKit runs every step (the log scanner reads both as BuildKit's cache result).
            const QString service = m_plan.commits[std::size_t(run.headCommit)].service;
            lines << QStringLiteral("##[group]Run docker buildx build --cache-from type=gha -t %1 .")
                         .arg(service)
                  << QStringLiteral("##[endgroup]")
                  << QStringLiteral("#1 [internal] load build definition from Dockerfile")
                  << QStringLiteral("#1 DONE 0.0s")
                  << QStringLiteral("#4 [1/3] FROM docker.io/library/golang:1.22")
                  << QStringLiteral("#4 DONE 0.1s") << QStringLiteral("#5 [2/3] COPY go.mod go.sum ./");
            if (job.cacheHit)
                lines << QStringLiteral("#5 CACHED")
                      << QStringLiteral("#6 [3/3] RUN go mod download && go build ./services/%1").arg(service)
                      << QStringLiteral("#6 CACHED");
            else
                lines << QStringLiteral("#5 DONE 0.2s")
                      << QStringLiteral("#6 [3/3] RUN go mod download && go build ./services/%1").arg(service)
                      << QStringLiteral("#6 DONE %1s")
                             .arg(QString::fromLatin1(
                                 seconds3(double(step.completedMs - step.startedMs) / 1000.0)));
            lines << QStringLiteral("#7 exporting to image") << QStringLiteral("#7 DONE 1.2s");
        } else if (name.startsWith(QLatin1String("Set up "))) {
            const QString tool = slug(name.mid(7));
            lines << QStringLiteral("##[group]Run actions/setup-%1@v5").arg(tool) << QStringLiteral("with:")
                  << QStringLiteral("  %1-version-file: go.mod").arg(tool) << QStringLiteral("##[endgroup]")
                  << QStringLiteral("Setup %1 version spec 1.22").arg(tool)
                  << QStringLiteral("Found in cache @ /opt/hostedtoolcache/go/1.22.5/x64");
        } else {
            const QString command = QStringLiteral("make ") + slug(name);
            lines << QStringLiteral("##[group]Run ") + command
                  << QStringLiteral("\x1b[36;1m%1\x1b[0m").arg(command)
                  << QStringLiteral("shell: /usr/bin/bash -e {0}") << QStringLiteral("##[endgroup]");
            if (!job.tests.empty() && name.contains(QLatin1String("test"), Qt::CaseInsensitive)) {
                // go test's package summaries; failing packages are told by the ##[error] line.
                std::vector<std::pair<QString, double>> passed;
                QStringList failedSuites;
                for (const TestCase& test : job.tests) {
                    if (test.failed && !failedSuites.contains(test.suite))
                        failedSuites << test.suite;
                    auto it = std::find_if(passed.begin(), passed.end(),
                                           [&](const auto& p) { return p.first == test.suite; });
                    if (it == passed.end())
                        passed.emplace_back(test.suite, test.seconds);
                    else
                        it->second += test.seconds;
                }
                for (const auto& [suite, seconds] : passed)
                    if (!failedSuites.contains(suite))
                        lines << QStringLiteral("ok  \t%1\t%2s")
                                     .arg(suite, QString::fromLatin1(seconds3(seconds)));
            } else {
                lines << QStringLiteral("%1: done").arg(slug(name));
            }
        }
        return lines;
    }

    const Plan& m_plan;
    const std::vector<QString>& m_shas;
    QString m_api;
    QString m_web;
    QString m_owner;
    QString m_name;
    std::map<std::int64_t, int> m_runNumbers;
    std::map<QString, std::int64_t> m_workflowIds;
};

} // namespace

QStringList writeCiExports(const Plan& plan, const std::vector<QString>& shas, const QString& dir)
{
    QStringList files;
    if (plan.runs.empty())
        return files;
    const QDir root(dir);
    if (!root.mkpath(QStringLiteral("logs")) || !root.mkpath(QStringLiteral("junit")))
        throw std::runtime_error(
            QStringLiteral("%1: cannot create the CI export folders").arg(dir).toStdString());

    const CiExport exporter(plan, shas);
    QByteArray runs;
    QByteArray jobs;
    for (const Run& run : plan.runs) {
        runs += exporter.runLine(run);
        runs += '\n';
        for (const Job& job : run.jobs) {
            jobs += exporter.jobLine(run, job);
            jobs += '\n';
        }
    }
    const QString runsPath = root.filePath(QStringLiteral("runs.jsonl"));
    writeFile(runsPath, runs);
    files << runsPath;
    if (!jobs.isEmpty()) {
        const QString jobsPath = root.filePath(QStringLiteral("jobs.jsonl"));
        writeFile(jobsPath, jobs);
        files << jobsPath;
    }
    for (const Run& run : plan.runs) {
        for (const Job& job : run.jobs) {
            const QString logPath = root.filePath(QStringLiteral("logs/job_%1.txt").arg(job.id));
            writeFile(logPath, exporter.jobLog(run, job));
            files << logPath;
        }
    }
    for (const Run& run : plan.runs) {
        for (const Job& job : run.jobs) {
            if (job.tests.empty())
                continue;
            const QString reportPath = root.filePath(QStringLiteral("junit/job_%1.xml").arg(job.id));
            writeFile(reportPath, exporter.junitReport(job));
            files << reportPath;
        }
    }
    return files;
}

} // namespace faultline::demo
