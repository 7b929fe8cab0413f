#include "git_history_importer.h"

#include "ai_rules.h"
#include "commit_pipeline.h"
#include "common/import_error.h"
#include "common/timestamp_parser.h"
#include "git_handles.h"
#include "history_tracker.h"
#include "link/linker.h"
#include "store/workspace.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <unordered_map>
#include <unordered_set>

namespace faultline::importers::git {

namespace {

std::string rawKey(const git_oid& id)
{
    return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
}

struct Walk
{
    std::vector<git_oid> order; // parents before children
    std::vector<std::vector<CommitIndex>> parents; // walked parents only
    std::unordered_map<std::string, CommitIndex> indexOf; // raw oid → index
    std::vector<CommitIndex> tips;
};

std::vector<git_oid> resolveTips(git_repository* repo, const QString& path, const QStringList& refs)
{
    if (git_repository_is_empty(repo) == 1)
        throw ImportError(path.toStdString() + " is an empty repository: there is no commit to import yet");
    std::vector<git_oid> tips;
    for (const QString& ref : refs) {
        git_object* raw = nullptr;
        const QByteArray spec = ref.toUtf8();
        if (git_revparse_single(&raw, repo, spec.constData()) < 0)
            throw ImportError(path.toStdString() + ": cannot resolve ref '" + ref.toStdString() + "': " + lastGitError());
        ObjectPtr object(raw);
        git_object* peeled = nullptr;
        if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) < 0)
            throw ImportError(path.toStdString() + ": ref '" + ref.toStdString() + "' does not point to a commit");
        ObjectPtr commit(peeled);
        tips.push_back(*git_object_id(commit.get()));
    }
    return tips;
}

// Commits listed in <gitdir>/shallow have parents the clone does not hold. libgit2 1.5 does not
// read that file (its revwalk fails on such a clone), so the walk below reads it itself.
std::unordered_set<std::string> shallowBoundary(git_repository* repo)
{
    std::unordered_set<std::string> boundary;
    QFile file(QString::fromUtf8(git_repository_path(repo)) + QStringLiteral("shallow"));
    if (!file.open(QIODevice::ReadOnly))
        return boundary;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        git_oid id;
        if (line.size() == GIT_OID_HEXSZ && git_oid_fromstr(&id, line.constData()) == 0)
            boundary.insert(rawKey(id));
    }
    return boundary;
}

// Depth-first from the tips, emitting a commit after all its parents: the order the tracker needs.
Walk walkHistory(git_repository* repo, const QString& path, const std::vector<git_oid>& tips, bool firstParent,
    const std::unordered_set<std::string>& boundary)
{
    struct Frame
    {
        git_oid id;
        std::vector<git_oid> parents;
        size_t next = 0;
    };
    Walk walk;
    std::unordered_set<std::string> onStack;
    std::vector<Frame> stack;
    auto enter = [&](const git_oid& id, const git_oid* child) {
        git_commit* raw = nullptr;
        if (git_commit_lookup(&raw, repo, &id) < 0) {
            throw ImportError("missing or corrupt commit " + oidHex(id)
                + (child ? " (parent of " + oidHex(*child) + ")" : std::string()) + " in " + path.toStdString() + ": "
                + lastGitError());
        }
        CommitPtr commit(raw);
        Frame f { id, {}, 0 };
        if (!boundary.count(rawKey(id))) {
            const unsigned n = git_commit_parentcount(raw);
            for (unsigned p = 0; p < (firstParent ? std::min(1u, n) : n); ++p)
                f.parents.push_back(*git_commit_parent_id(raw, p));
        }
        onStack.insert(rawKey(id));
        stack.push_back(std::move(f));
    };
    for (const git_oid& tip : tips) {
        if (walk.indexOf.count(rawKey(tip)))
            continue;
        enter(tip, nullptr);
        while (!stack.empty()) {
            Frame& top = stack.back();
            if (top.next < top.parents.size()) {
                const git_oid parent = top.parents[top.next++];
                const std::string key = rawKey(parent);
                if (!walk.indexOf.count(key) && !onStack.count(key))
                    enter(parent, &top.id);
                continue;
            }
            const CommitIndex index = CommitIndex(walk.order.size());
            std::vector<CommitIndex> parents;
            for (const git_oid& p : top.parents)
                parents.push_back(walk.indexOf.at(rawKey(p)));
            walk.indexOf.emplace(rawKey(top.id), index);
            onStack.erase(rawKey(top.id));
            walk.order.push_back(top.id);
            walk.parents.push_back(std::move(parents));
            stack.pop_back();
        }
    }
    for (const git_oid& tip : tips)
        walk.tips.push_back(walk.indexOf.at(rawKey(tip)));
    return walk;
}

QByteArray sourceFingerprint(const GitImportOptions& o, const std::vector<git_oid>& tips, const QByteArray& rulesBytes)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(o.firstParent ? "first-parent\n" : "full\n");
    h.addData(QByteArray::number(qlonglong(o.maxBlobBytes)));
    for (const QString& g : o.excludeGlobs)
        h.addData(QByteArray(g.toUtf8() + '\n'));
    h.addData(QCryptographicHash::hash(rulesBytes, QCryptographicHash::Sha256));
    for (const git_oid& t : tips)
        h.addData(QByteArray::fromStdString(oidHex(t)));
    return h.result().toHex();
}

QString repositoryName(const QString& path)
{
    QString name = QFileInfo(QDir::cleanPath(path)).fileName();
    if (name == QLatin1String(".git"))
        name = QFileInfo(QFileInfo(QDir::cleanPath(path)).path()).fileName();
    if (name.endsWith(QLatin1String(".git")))
        name.chop(4);
    return name;
}

QString trailersJson(const std::vector<Trailer>& trailers)
{
    QJsonArray a;
    for (const Trailer& t : trailers)
        a.append(QJsonArray { t.key, t.value });
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

struct AiAttribution
{
    std::optional<AiMatch> match;
    double share = 0;
    std::int64_t lines = 0;
};

// METRICS.md "AI-assisted commit": with a git-ai note, the exact fraction of the commit's added lines
// (the lines it is the origin of) that the note attributes to AI; without one, 1.0 for a rule match.
AiAttribution attribute(const CommitRecord& record, const HistoryTracker::Outcome& outcome)
{
    AiAttribution out;
    out.match = record.ai;
    if (!record.note) {
        if (record.ai) {
            out.share = 1.0;
            out.lines = outcome.originated;
        }
        return out;
    }
    for (const HistoryTracker::FileOutcome& fo : outcome.files) {
        if (!fo.lines || fo.originated == 0)
            continue;
        const GitAiFile* noted = record.note->file(QString::fromStdString(fo.file->path));
        if (!noted)
            continue;
        std::uint32_t line = 1;
        for (const LineRun& run : fo.lines->runs()) {
            if (run.origin == record.index) {
                const int first = int(line);
                const int last = int(line + run.count - 1);
                for (const LineSet::Range& r : noted->aiLines.ranges()) {
                    const int lo = std::max(first, r.first);
                    const int hi = std::min(last, r.last);
                    if (lo <= hi)
                        out.lines += hi - lo + 1;
                }
            }
            line += run.count;
        }
    }
    out.share = outcome.originated ? double(out.lines) / double(outcome.originated) : 0.0;
    if (!out.match && out.lines > 0) {
        const QStringList tools = record.note->tools();
        out.match = AiMatch { tools.isEmpty() ? QStringLiteral("git-ai") : tools.front(),
                              QStringLiteral("git-ai"), QStringLiteral("notes"),
                              QStringLiteral("%1 of %2 added lines attributed by git-ai (%3)")
                                  .arg(out.lines)
                                  .arg(outcome.originated)
                                  .arg(tools.join(QStringLiteral(", "))) };
    }
    return out;
}

const store::BulkWriter::Spec kCommits { "commits",
    { "id", "repo_id", "sha", "author_name", "author_email", "authored_at", "author_offset_min", "committer_name",
        "committer_email", "committed_at", "committer_offset_min", "subject", "message", "trailers", "is_merge",
        "added_lines", "deleted_lines", "ai_tool", "ai_rule", "ai_field", "ai_evidence", "ai_share", "ai_lines" },
    "ON CONFLICT (repo_id, sha) DO NOTHING" };
const store::BulkWriter::Spec kParents { "commit_parents", { "commit_id", "position", "parent_sha" } };
const store::BulkWriter::Spec kFiles { "commit_files",
    { "commit_id", "path", "old_path", "change", "added", "deleted", "is_binary" } };
const store::BulkWriter::Spec kChurn { "churn",
    { "repo_id", "path", "origin_commit_id", "removing_commit_id", "lines", "age_ms" } };
const store::BulkWriter::Spec kSpans { "line_spans", { "repo_id", "path", "first_line", "line_count", "origin_commit_id" } };

} // namespace

GitImportReport GitHistoryImporter::run(store::Workspace& workspace, const GitImportOptions& options, const ProgressCallback& progress)
{
    GitLibrary library;
    // Objects are read once and diffed; re-hashing every one of them doubles the cost of the read pass.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    // Only objects and refs are read (no hooks, no filters, no config-driven commands), so a repository
    // owned by another user is as safe to read as our own.
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    // Large directories' trees (over libgit2's default 4 KiB) are read by every commit's tree diff.
    // Blobs are kept by the readers themselves (CommitReader::currentBlob), not by libgit2's cache.
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, size_t(1024 * 1024));
    // libgit2 keeps every tree and commit it read until a global cap (256 MiB by default), so its
    // cache would grow with the history; a walk only needs the last few trees.
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, ssize_t(32 * 1024 * 1024));

    GitImportReport report;
    const QString path = QFileInfo(options.repository).absoluteFilePath();
    // Every notice is stored with the import (the GUI's import log) and the first few are shown at once.
    std::vector<store::ImportWarning> warnings;
    auto notice = [&](const char* kind, const QString& detail, const QString& location = QString()) {
        warnings.push_back({ QLatin1String(kind), path, 0, location, detail });
    };
    const QStringList refs = options.refs.isEmpty() ? QStringList { QStringLiteral("HEAD") } : options.refs;

    AiRuleSet rules = AiRuleSet::defaults();
    QByteArray rulesBytes; // part of the import's fingerprint: other rules, other attribution
    if (!options.rulesFile.isEmpty()) {
        QFile f(options.rulesFile);
        if (!f.open(QIODevice::ReadOnly))
            throw ImportError(options.rulesFile.toStdString() + ": cannot read: " + f.errorString().toStdString());
        rulesBytes = f.readAll();
        try {
            rules.overrideWith(AiRuleSet::fromJson(rulesBytes, options.rulesFile));
        } catch (const ValueError& e) {
            throw ImportError(std::string(e.what()));
        }
    }

    RepositoryPtr repo = openRepository(path);
    if (git_repository_is_shallow(repo.get()) == 1) {
        notice("shallow-clone",
               QStringLiteral("%1 is a shallow clone: history before its boundary is missing, so lines from "
                              "there are attributed to the boundary commits (as git blame does)")
                   .arg(path));
    }
    const std::vector<git_oid> tips = resolveTips(repo.get(), path, refs);
    const Walk walk = walkHistory(repo.get(), path, tips, options.firstParent, shallowBoundary(repo.get()));
    report.commitsWalked = std::int64_t(walk.order.size());
    const CommitIndex primaryTip = walk.tips.front();
    report.headSha = QString::fromStdString(oidHex(walk.order[primaryTip]));

    store::ImportBatch batch(workspace,
        { path, QLatin1String(options.firstParent ? "git-first-parent" : "git"), sourceFingerprint(options, tips, rulesBytes) });
    auto& db = batch.db();

    // The repository row and what an earlier import of it left.
    std::int64_t repoId = 0;
    QString previousHead;
    bool previousFirstParent = false;
    {
        auto& up = batch.statement("INSERT INTO repos (name, location) VALUES (?1, ?2) "
                                   "ON CONFLICT (location) DO UPDATE SET name = excluded.name "
                                   "RETURNING id, head_sha, first_parent_only");
        up.bind(1, repositoryName(path)).bind(2, path);
        up.step();
        repoId = up.int64(0);
        previousHead = up.text(1);
        previousFirstParent = up.int64(2) != 0;
        up.reset();
    }
    std::unordered_map<std::string, std::pair<std::int64_t, std::int64_t>> known; // sha hex → (id, authored_at)
    {
        auto& q = batch.statement("SELECT sha, id, authored_at FROM commits WHERE repo_id = ?1");
        q.bind(1, repoId);
        while (q.step())
            known.emplace(q.utf8(0).toStdString(), std::make_pair(q.int64(1), q.int64(2)));
        q.reset();
    }

    const size_t n = walk.order.size();
    std::vector<std::string> shas(n);
    std::vector<bool> isNew(n, false);
    for (CommitIndex i = 0; i < n; ++i) {
        shas[i] = oidHex(walk.order[i]);
        isNew[i] = !known.count(shas[i]);
    }

    // Incremental: when every new commit descends only from new commits or the previous head, the stored
    // blame of that head is the state to resume from. Otherwise (new branches forked from older commits,
    // a rewritten history) the line tracking is replayed from the start; stored rows are kept.
    std::optional<CommitIndex> resumeFrom;
    if (!previousHead.isEmpty() && previousFirstParent == options.firstParent) {
        auto it = known.find(previousHead.toStdString());
        git_oid headId;
        if (it != known.end() && git_oid_fromstr(&headId, previousHead.toLatin1().constData()) == 0) {
            auto at = walk.indexOf.find(rawKey(headId));
            if (at != walk.indexOf.end()) {
                bool resumable = true;
                for (CommitIndex i = 0; i < n && resumable; ++i) {
                    if (!isNew[i])
                        continue;
                    for (CommitIndex p : walk.parents[i])
                        resumable = resumable && (isNew[p] || p == at->second);
                }
                if (resumable && (at->second == primaryTip || isNew[primaryTip]))
                    resumeFrom = at->second;
            }
        }
    }
    if (!previousHead.isEmpty() && !resumeFrom) {
        notice("replay",
               QStringLiteral("new history does not continue the previously imported head only; "
                              "replaying line tracking over all %1 commits")
                   .arg(n));
    }

    std::vector<std::int64_t> dbId(n, 0);
    std::vector<std::int64_t> authoredAt(n, 0);
    std::int64_t nextId = db.queryInt64("SELECT coalesce(max(id), 0) + 1 FROM commits");
    for (CommitIndex i = 0; i < n; ++i) {
        if (isNew[i]) {
            dbId[i] = nextId++;
            ++report.newCommits;
        } else {
            const auto& k = known.at(shas[i]);
            dbId[i] = k.first;
            authoredAt[i] = k.second;
        }
    }

    std::vector<CommitIndex> todo;
    std::vector<std::vector<CommitIndex>> trackedParents(n);
    for (CommitIndex i = 0; i < n; ++i) {
        if (resumeFrom && !isNew[i])
            continue;
        todo.push_back(i);
        trackedParents[i] = walk.parents[i];
    }
    HistoryTracker tracker(std::move(trackedParents), { primaryTip }, options.firstParent);
    report.incremental = resumeFrom.has_value();
    if (resumeFrom) {
        std::unordered_map<std::int64_t, CommitIndex> indexOfId;
        for (CommitIndex i = 0; i < n; ++i)
            indexOfId.emplace(dbId[i], i);
        TreeState state;
        std::string currentPath;
        std::vector<LineRun> runs;
        auto flush = [&] {
            if (!currentPath.empty())
                state.set(currentPath, std::make_shared<const FileLines>(std::move(runs)));
            runs.clear();
        };
        auto& q = batch.statement(
            "SELECT path, line_count, origin_commit_id FROM line_spans WHERE repo_id = ?1 ORDER BY path, first_line");
        q.bind(1, repoId);
        while (q.step()) {
            std::string p = q.utf8(0).toStdString();
            if (p != currentPath) {
                flush();
                currentPath = std::move(p);
            }
            auto origin = indexOfId.find(q.int64(2));
            if (origin == indexOfId.end())
                throw ImportError("workspace " + workspace.path().toStdString() + ": stored blame of " + previousHead.toStdString()
                    + " names a commit that is no longer in the history");
            runs.push_back({ origin->second, std::uint32_t(q.int64(1)) });
        }
        flush();
        q.reset();
        tracker.seed(*resumeFrom, std::move(state));
    }

    ReaderOptions readerOptions;
    readerOptions.firstParent = options.firstParent;
    readerOptions.maxBlobBytes = options.maxBlobBytes;
    for (const QString& g : options.excludeGlobs)
        readerOptions.excludeGlobs.push_back(g.toStdString());
    readerOptions.rules = &rules;

    std::vector<git_oid> ids;
    ids.reserve(todo.size());
    for (CommitIndex i : todo)
        ids.push_back(walk.order[i]);
    const int workers = options.workers > 0 ? options.workers : std::max(1, QThread::idealThreadCount());

    // A first load builds the sha and time indexes once at the end: commits arrive in random sha order.
    if (db.queryInt64("SELECT count(*) FROM (SELECT 1 FROM commits LIMIT 1)") == 0)
        batch.deferIndexes({ "commits_sha", "commits_authored", "commit_parents_parent" });
    auto& commits = batch.writer(kCommits);
    auto& parents = batch.writer(kParents);
    auto& files = batch.writer(kFiles);
    auto& churn = batch.writer(kChurn);

    QElapsedTimer sinceReport;
    sinceReport.start();
    const std::int64_t total = std::int64_t(todo.size());
    if (progress && !progress(0, total))
        throw ImportCancelled();
    {
        CommitPipeline pipeline(path, readerOptions, std::move(ids), todo, workers);
        for (std::int64_t done = 0; done < total; ++done) {
            const CommitRecord record = pipeline.next();
            const CommitIndex i = record.index;
            if (!record.parentMissing.empty() && record.parentMissing.front())
                notice("missing-parent",
                       QStringLiteral("commit %1: parent missing (shallow boundary or pruned object); "
                                      "treated as a root commit")
                           .arg(QString::fromStdString(shas[i])),
                       QString::fromStdString(shas[i]));
            authoredAt[i] = record.author.timeMs;
            if (!record.noteError.empty())
                notice("git-ai-note",
                       QString::fromStdString(record.noteError) + QStringLiteral(" (note ignored)"),
                       QString::fromStdString(shas[i]));
            const HistoryTracker::Outcome outcome = tracker.apply(record);
            ++report.commitsProcessed;

            for (const HistoryTracker::Churn& c : outcome.churn) {
                churn.value(repoId).value(std::string_view(c.path)).value(dbId[c.origin]).value(dbId[i]);
                churn.value(std::int64_t(c.lines)).value(authoredAt[i] - authoredAt[c.origin]);
                churn.endRow();
            }
            if (isNew[i]) {
                std::int64_t deleted = 0;
                for (const HistoryTracker::FileOutcome& fo : outcome.files) {
                    const FileDiff& f = *fo.file;
                    deleted += f.deletedLines;
                    files.value(dbId[i]).value(std::string_view(f.path.empty() ? f.oldPath : f.path));
                    if (f.change == 'R')
                        files.value(std::string_view(f.oldPath));
                    else
                        files.null();
                    files.value(std::string_view(&f.change, 1)).value(std::int64_t(fo.originated));
                    files.value(std::int64_t(f.deletedLines)).value(f.kind == FileDiff::Kind::Binary);
                    files.endRow();
                }
                for (size_t p = 0; p < record.parents.size(); ++p) {
                    parents.value(dbId[i]).value(std::int64_t(p)).value(oidHex(record.parents[p]));
                    parents.endRow();
                }
                commits.value(dbId[i]).value(repoId).value(std::string_view(shas[i]));
                commits.value(std::string_view(record.author.name))
                    .value(std::string_view(record.author.email));
                commits.value(record.author.timeMs).value(std::int64_t(record.author.offsetMinutes));
                commits.value(std::string_view(record.committer.name))
                    .value(std::string_view(record.committer.email));
                commits.value(record.committer.timeMs).value(std::int64_t(record.committer.offsetMinutes));
                commits.value(std::string_view(record.subject)).value(std::string_view(record.message));
                commits.value(trailersJson(record.trailers)).value(record.parents.size() > 1);
                commits.value(std::int64_t(outcome.originated)).value(deleted);
                const AiAttribution ai = attribute(record, outcome);
                if (ai.match) {
                    commits.value(ai.match->tool)
                        .value(ai.match->ruleId)
                        .value(ai.match->field)
                        .value(ai.match->matchedText);
                } else {
                    commits.null().null().null().null();
                }
                commits.value(ai.share).value(ai.lines);
                commits.endRow();
            }

            if (progress && (sinceReport.elapsed() >= 100 || done + 1 == total)) {
                sinceReport.restart();
                if (!progress(done + 1, total))
                    throw ImportCancelled();
            }
        }
    }

    // Blame at the imported head, as runs of lines.
    const TreeState* head = tracker.stateOf(primaryTip);
    if (!head)
        throw std::logic_error("history walk ended without the head's state");
    if (!(resumeFrom && *resumeFrom == primaryTip)) {
        auto& clear = batch.statement("DELETE FROM line_spans WHERE repo_id = ?1");
        clear.bind(1, repoId);
        clear.exec();
        auto& spans = batch.writer(kSpans);
        head->forEach([&](const std::string& file, const FileLinesPtr& lines) {
            std::uint32_t first = 1;
            for (const LineRun& r : lines->runs()) {
                spans.value(repoId).value(std::string_view(file)).value(std::int64_t(first)).value(std::int64_t(r.count));
                spans.value(dbId[r.origin]);
                spans.endRow();
                first += r.count;
            }
        });
    }
    head->forEach([&](const std::string&, const FileLinesPtr& lines) {
        ++report.filesAtHead;
        report.linesAtHead += lines->lineCount();
    });

    auto& update = batch.statement("UPDATE repos SET head_ref = ?2, head_sha = ?3, first_parent_only = ?4, imported_at = ?5 "
                                   "WHERE id = ?1");
    update.bind(1, repoId).bind(2, refs.front()).bind(3, report.headSha).bind(4, options.firstParent ? 1 : 0);
    update.bind(5, std::int64_t(QDateTime::currentMSecsSinceEpoch()));
    update.exec();

    constexpr size_t kShown = 20;
    for (size_t k = 0; k < warnings.size(); ++k) {
        if (k < kShown)
            report.notices << warnings[k].detail;
        batch.addWarning(warnings[k]);
    }
    if (warnings.size() > kShown)
        report.notices
            << QStringLiteral("… and %1 more (stored with the import)").arg(warnings.size() - kShown);
    // The linker reads the history back: rows still buffered in the writers must be in the tables.
    for (store::BulkWriter* writer : { &commits, &parents, &files })
        writer->flush();
    link::relink(batch, completedAt(progress, total));
    report.summary = batch.commit();
    return report;
}

} // namespace faultline::importers::git
