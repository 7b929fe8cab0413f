// A GitHub Actions run log zip (`gh api repos/O/R/actions/runs/RUN_ID/logs`, FORMATS.md §1e) →
// findings for the run's jobs and steps.
//
// Layout A holds a whole-job log `N_<job>.txt` per job plus `<job>/<number>_<step>.txt` per step
// (and `<job>/system.txt`); layout B (since 2025) only the whole-job logs. A job with per-step files
// is read from them (the step is the file's number); a job with only its whole log goes through
// GitHubStepMapper (markers and step times). Job names in entry names are sanitised
// (gitHubArchiveJobName), so the run's jobs are matched by their sanitised names.
//
// The run is --run when given, else a run whose id is a number in the file name, else the one run
// whose jobs carry every job name of the archive at times that fit the logs (60 s at each end).
// Of several attempts of the run, the one whose times fit (else the latest, what the endpoint
// returns). The archive is read in memory, entry by entry and line by line; an entry with an
// absolute or `..` path refuses the whole archive (nothing is ever extracted), and an entry over
// 512 MiB is an error.
#include "ci/ci_importers.h"
#include "ci/github_log_lines.h"
#include "ci/github_log_steps.h"
#include "common/import_error.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <memory>
#include <set>
#include <vector>
#include <zip.h>

namespace faultline::importers::ci {

namespace {

using store::CiWriter;

const QString& provider()
{
    static const QString name = QStringLiteral("github");
    return name;
}

constexpr std::int64_t kMaxEntryBytes = std::int64_t(512) << 20;
constexpr std::int64_t kProgressEveryLines = 4096;

struct ZipDiscard
{
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileClose
{
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

struct Entry
{
    zip_uint64_t index = 0;
    QString name;
    std::int64_t size = 0;
    std::int64_t compressed = 0;
};

struct StepFile
{
    Entry entry;
    int number = 0;
    QString stepName;
};

// The logs of one job in the archive: its whole-job file and/or its folder of step files.
struct ArchiveJob
{
    QString name; // sanitised job name, as in the entry names
    std::optional<Entry> whole;
    std::vector<StepFile> steps;
    GitHubLogSpan span;
    std::optional<CiWriter::JobRef> job;

    QString location() const { return whole ? whole->name : name + QLatin1Char('/'); }
};

// An absolute path, a drive letter or a ".." component: an entry that would escape the folder an
// unzip tool extracts to (zip slip).
bool isUnsafePath(const QString& name)
{
    if (name.startsWith(QLatin1Char('/')) || name.startsWith(QLatin1Char('\\')))
        return true;
    if (name.size() > 1 && name.at(1) == QLatin1Char(':'))
        return true;
    static const QRegularExpression separators(QStringLiteral(R"([/\\])"));
    return name.split(separators).contains(QLatin1String(".."));
}

class LogArchiveImport
{
public:
    LogArchiveImport(const CiFile& file, CiContext& ctx)
        : m_file(file)
        , m_ctx(ctx)
        , m_writer(ctx.writer())
    { }

    void run()
    {
        open();
        listEntries();
        chooseRun();
        const std::vector<CiWriter::JobRef> jobs = m_writer.jobsOfRun(m_runId);
        QSet<QString> names;
        for (const auto& job : jobs)
            names.insert(gitHubArchiveJobName(job.name));
        if (names.size() < qsizetype(jobs.size()))
            readSpans(); // jobs whose names sanitise alike: their times tell their logs apart
        assignJobs(jobs);
        for (ArchiveJob& archiveJob : m_jobs) {
            if (!archiveJob.job) {
                m_ctx.warn(
                    QStringLiteral("unmatched-log"), m_file.path, 0, archiveJob.location(),
                    QStringLiteral(
                        "no job named \"%1\" in run %2 (attempt %3) in the workspace; its log is skipped")
                        .arg(archiveJob.name, m_runExternalId)
                        .arg(m_runAttempt));
                continue;
            }
            importJob(archiveJob);
        }
    }

private:
    [[noreturn]] void fail(const QString& detail) const
    {
        throw ImportError(m_file.path + QLatin1String(": ") + detail);
    }

    void open()
    {
        int error = 0;
        zip_t* archive
            = zip_open(QFile::encodeName(m_file.path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
        if (!archive) {
            zip_error_t e;
            zip_error_init_with_code(&e, error);
            const QString message = QString::fromUtf8(zip_error_strerror(&e));
            zip_error_fini(&e);
            // A zip is read from its end, where its directory is: that is where it breaks.
            fail(QStringLiteral(
                     "byte %1 (the end, where a zip keeps its directory): not a readable zip archive "
                     "(truncated or damaged?): %2; expected a GitHub Actions run log zip")
                     .arg(QFileInfo(m_file.path).size())
                     .arg(message));
        }
        m_archive.reset(archive);
    }

    void listEntries()
    {
        static const QRegularExpression wholeJob(QStringLiteral(R"(^(-?\d+)_(.*)\.txt$)"));
        static const QRegularExpression stepLog(QStringLiteral(R"(^(\d+)_(.*)\.txt$)"));
        const zip_int64_t count = zip_get_num_entries(m_archive.get(), 0);
        std::vector<Entry> entries;
        for (zip_int64_t i = 0; i < count; ++i) {
            zip_stat_t st;
            zip_stat_init(&st);
            if (zip_stat_index(m_archive.get(), zip_uint64_t(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
                fail(QStringLiteral("cannot read archive entry %1: %2")
                         .arg(i)
                         .arg(QString::fromUtf8(zip_strerror(m_archive.get()))));
            Entry entry;
            entry.index = zip_uint64_t(i);
            entry.name = QString::fromUtf8(st.name);
            entry.size = (st.valid & ZIP_STAT_SIZE) ? std::int64_t(st.size) : 0;
            entry.compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? std::int64_t(st.comp_size) : entry.size;
            // Every entry is checked before any is read: one bad path refuses the archive.
            if (isUnsafePath(entry.name))
                fail(QStringLiteral("archive entry \"%1\" has an absolute path or a \"..\" component; "
                                    "refusing the archive")
                         .arg(entry.name));
            entries.push_back(std::move(entry));
        }

        QHash<QString, int> byName;
        auto jobNamed = [&](const QString& name) -> ArchiveJob& {
            auto it = byName.constFind(name);
            if (it == byName.constEnd()) {
                it = byName.insert(name, int(m_jobs.size()));
                m_jobs.push_back({ name, {}, {}, {}, {} });
            }
            return m_jobs[size_t(*it)];
        };
        for (const Entry& entry : entries) {
            if (entry.name.endsWith(QLatin1Char('/')))
                continue;
            const QStringList parts = entry.name.split(QLatin1Char('/'));
            const QString& base = parts.last();
            // macOS archive noise (the cli/cli fixture has it): resource forks and folder metadata.
            if (parts.first() == QLatin1String("__MACOSX") || base.startsWith(QLatin1String("._"))
                || base == QLatin1String(".DS_Store"))
                continue;
            if (parts.size() == 2 && base == QLatin1String("system.txt"))
                continue; // runner diagnostics, no step's output
            QRegularExpressionMatch m;
            if (parts.size() == 1 && (m = wholeJob.match(base)).hasMatch()) {
                checkSize(entry);
                ArchiveJob* job = &jobNamed(m.captured(2));
                if (job->whole) { // two whole logs under one name: keep both, the times tell them apart
                    m_jobs.push_back({ m.captured(2), {}, {}, {}, {} });
                    job = &m_jobs.back();
                }
                job->whole = entry;
            } else if (parts.size() == 2 && (m = stepLog.match(base)).hasMatch()) {
                checkSize(entry);
                jobNamed(parts.first()).steps.push_back({ entry, m.captured(1).toInt(), m.captured(2) });
            } else {
                m_ctx.warn(
                    QStringLiteral("skipped-entry"), m_file.path, 0, entry.name,
                    QStringLiteral("not a job log (expected N_<job>.txt or <job>/N_<step>.txt); skipped"));
            }
        }
        if (m_jobs.empty())
            fail(QStringLiteral(
                "a zip archive without GitHub Actions job logs: expected N_<job>.txt or <job>/N_<step>.txt "
                "entries (gh api repos/OWNER/REPO/actions/runs/RUN_ID/logs)"));
        for (ArchiveJob& job : m_jobs) {
            std::sort(job.steps.begin(), job.steps.end(),
                      [](const StepFile& a, const StepFile& b) { return a.number < b.number; });
            for (const Entry& e : entriesToRead(job))
                m_totalCompressed += e.compressed;
        }
    }

    void checkSize(const Entry& entry) const
    {
        if (entry.size > kMaxEntryBytes)
            fail(QStringLiteral(
                     "archive entry \"%1\" is %2 bytes uncompressed, over the %3 MiB limit for one log")
                     .arg(entry.name)
                     .arg(entry.size)
                     .arg(kMaxEntryBytes >> 20));
    }

    // A job's step files when it has them (the same lines as its whole log, with their steps), else its whole
    // log.
    static std::vector<Entry> entriesToRead(const ArchiveJob& job)
    {
        std::vector<Entry> entries;
        for (const StepFile& step : job.steps)
            entries.push_back(step.entry);
        if (entries.empty() && job.whole)
            entries.push_back(*job.whole);
        return entries;
    }

    template <typename Fn> void readEntry(const Entry& entry, Fn&& fn)
    {
        std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen_index(m_archive.get(), entry.index, 0));
        if (!file)
            fail(QStringLiteral("cannot open archive entry \"%1\": %2")
                     .arg(entry.name, QString::fromUtf8(zip_strerror(m_archive.get()))));
        LogLineReader reader([&](char* buffer, std::int64_t max) {
            const zip_int64_t n = zip_fread(file.get(), buffer, zip_uint64_t(max));
            if (n < 0)
                fail(QStringLiteral("cannot read archive entry \"%1\" (truncated or damaged archive?): %2")
                         .arg(entry.name, QString::fromUtf8(zip_file_strerror(file.get()))));
            return std::int64_t(n);
        });
        QByteArray line;
        while (reader.next(line)) {
            if (reader.bytesRead() > kMaxEntryBytes)
                checkSize({ entry.index, entry.name, reader.bytesRead(), entry.compressed });
            if (reader.lineNumber() % kProgressEveryLines == 0)
                reportProgress(m_compressedDone
                               + entry.compressed * reader.bytesRead()
                                   / std::max<std::int64_t>(entry.size, 1));
            fn(parseGitHubLogLine(line, m_ctx.time()));
        }
        m_compressedDone += entry.compressed;
        reportProgress(m_compressedDone);
    }

    // In compressed bytes; a first pass (reading the logs' times to find the run) is the first half.
    void reportProgress(std::int64_t done)
    {
        done = std::min(done, m_totalCompressed);
        if (!m_twoPasses)
            m_ctx.progress(done);
        else
            m_ctx.progress(m_spansRead ? m_totalCompressed / 2 + done / 2 : done / 2);
    }

    void readSpans()
    {
        if (m_spansRead)
            return;
        m_twoPasses = true;
        for (ArchiveJob& job : m_jobs)
            for (const Entry& entry : entriesToRead(job))
                readEntry(entry, [&](const GitHubLogLine& line) { job.span.add(line.timestamp, line.text); });
        m_spansRead = true;
        m_compressedDone = 0;
    }

    // Assigns the archive's jobs to `jobs` (of one run) by sanitised name; a name several jobs share
    // (or one with a dedup suffix) goes to the one whose times fit the log best. Returns the sum of
    // the distances, or nullopt when a job is missing or its times do not fit its log.
    std::optional<std::int64_t> assignJobs(const std::vector<CiWriter::JobRef>& jobs)
    {
        static const QRegularExpression dedupSuffix(QStringLiteral(R"(^(.*\S)[ _]\(?\d+\)?$)"));
        QHash<QString, std::vector<size_t>> byName;
        for (size_t i = 0; i < jobs.size(); ++i)
            byName[gitHubArchiveJobName(jobs[i].name)].push_back(i);
        std::vector<bool> taken(jobs.size(), false);
        std::optional<std::int64_t> total = 0;
        for (ArchiveJob& archiveJob : m_jobs) {
            archiveJob.job.reset();
            std::vector<size_t> named = byName.value(archiveJob.name);
            if (named.empty())
                if (const auto m = dedupSuffix.match(archiveJob.name); m.hasMatch())
                    named = byName.value(m.captured(1));
            std::erase_if(named, [&](size_t i) { return taken[i]; });
            std::optional<size_t> chosen;
            std::optional<std::int64_t> distance;
            for (size_t i : named) {
                const auto d = jobDistance(jobs[i], archiveJob.span);
                if (!chosen || (d && (!distance || *d < *distance))) {
                    chosen = i;
                    distance = d;
                }
            }
            if (!chosen) {
                total.reset();
                continue;
            }
            taken[*chosen] = true;
            archiveJob.job = jobs[*chosen];
            if (distance && total)
                *total += *distance;
            else if (archiveJob.span.hasTimes() && jobs[*chosen].startedAt)
                total.reset(); // both have times, and they do not fit
        }
        return total;
    }

    void chooseRun()
    {
        std::vector<CiWriter::RunRef> runs;
        if (const QString& id = m_ctx.options().runId; !id.isEmpty()) {
            runs = m_writer.runsWithExternalId(provider(), id);
            if (runs.empty())
                fail(QStringLiteral(
                         "run %1 (--run) is not in the workspace; import its runs and jobs JSON first")
                         .arg(id));
        } else {
            for (const QString& number : numbersInFileName(m_file.path)) {
                runs = m_writer.runsWithExternalId(provider(), number);
                if (!runs.empty())
                    break;
            }
        }
        if (runs.size() == 1)
            return setRun(runs.front().id);

        std::vector<std::int64_t> candidates;
        if (!runs.empty()) {
            for (const auto& run : runs)
                candidates.push_back(run.id);
        } else {
            readSpans();
            GitHubLogSpan all;
            for (const ArchiveJob& job : m_jobs)
                all.merge(job.span);
            if (all.hasTimes()) {
                std::set<std::int64_t> ids;
                for (const auto& job : m_writer.jobsOverlapping(provider(), *all.first - kJobMatchToleranceMs,
                                                                *all.last + kJobMatchToleranceMs))
                    ids.insert(job.runId);
                candidates.assign(ids.begin(), ids.end());
            }
        }
        readSpans();
        std::optional<std::int64_t> best;
        std::optional<std::int64_t> bestDistance;
        int fitting = 0;
        bool tie = false;
        for (std::int64_t runId : candidates) {
            const auto distance = assignJobs(m_writer.jobsOfRun(runId));
            if (!distance)
                continue;
            ++fitting;
            if (!bestDistance || *distance < *bestDistance) {
                best = runId;
                bestDistance = distance;
                tie = false;
            } else if (*distance == *bestDistance) {
                tie = true;
            }
        }
        if (best && !tie)
            return setRun(*best);
        if (!runs.empty())
            return setRun(
                runs.back().id); // no one attempt fits the times: the latest, which the endpoint returns
        fail(QStringLiteral("cannot tell which run this log archive belongs to (%1 candidates); pass --run "
                            "ID, and import the "
                            "run's jobs JSON first so that its job names and times can be matched")
                 .arg(tie ? fitting : int(candidates.size())));
    }

    void setRun(std::int64_t runId)
    {
        m_runId = runId;
        const auto jobs = m_writer.jobsOfRun(runId);
        if (!jobs.empty()) {
            m_runExternalId = jobs.front().runExternalId;
            m_runAttempt = jobs.front().runAttempt;
        } else {
            m_runExternalId = m_ctx.options().runId;
        }
    }

    void importJob(const ArchiveJob& archiveJob)
    {
        const CiWriter::JobRef& job = *archiveJob.job;
        const auto context = m_writer.jobContext(job.id);
        GitHubJobLogScan scan(job, context ? context->project : QString(), m_writer.stepsOfJob(job.id));
        if (archiveJob.steps.empty()) {
            readEntry(*archiveJob.whole,
                      [&](const GitHubLogLine& line) { scan.addLine(line.timestamp, line.text); });
        } else {
            for (const StepFile& step : archiveJob.steps) {
                bool known = true;
                readEntry(step.entry, [&](const GitHubLogLine& line) {
                    known = scan.addStepLine(step.number, step.stepName, line.text);
                });
                if (!known)
                    m_ctx.warn(
                        QStringLiteral("unknown-step"), m_file.path, 0, step.entry.name,
                        QStringLiteral(
                            "job \"%1\" has no step %2 in the workspace; its lines count for the job only")
                            .arg(job.name)
                            .arg(step.number));
            }
        }
        scan.write(m_writer);
    }

    const CiFile& m_file;
    CiContext& m_ctx;
    CiWriter& m_writer;
    std::unique_ptr<zip_t, ZipDiscard> m_archive;
    std::vector<ArchiveJob> m_jobs;
    std::int64_t m_runId = 0;
    QString m_runExternalId;
    int m_runAttempt = 1;
    std::int64_t m_totalCompressed = 0;
    std::int64_t m_compressedDone = 0;
    bool m_twoPasses = false;
    bool m_spansRead = false;
};

} // namespace

void importGitHubLogArchive(const CiFile& file, CiContext& ctx)
{
    LogArchiveImport(file, ctx).run();
}

} // namespace faultline::importers::ci
