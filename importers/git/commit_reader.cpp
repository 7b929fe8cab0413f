#include "commit_reader.h"

#include "common/import_error.h"
#include "tree_diff.h"

#include <QStringDecoder>

#include <fnmatch.h>

#include <algorithm>
#include <unordered_map>

namespace faultline::importers::git {

namespace {

bool isBlobMode(git_filemode_t m)
{
    return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE;
}

// Content hash for move detection: surrounding whitespace is ignored so a re-indented block still
// counts as moved.
std::uint64_t lineHash(const char* p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t'))
        ++p, --n;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r'))
        --n;
    std::uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(p[i]);
        h *= 1099511628211ULL;
    }
    return h;
}

struct BlobDiff
{
    std::vector<Hunk> hunks;
    std::int32_t added = 0;
    std::int32_t deleted = 0;
    bool collectLines = false;
    std::vector<std::pair<std::uint32_t, std::uint64_t>> deletedLines; // old line number, hash
    std::vector<std::uint64_t> addedLines;
};

int onHunk(const git_diff_delta*, const git_diff_hunk* h, void* payload)
{
    auto* d = static_cast<BlobDiff*>(payload);
    d->hunks.push_back({ h->old_start, h->old_lines, h->new_start, h->new_lines });
    d->added += h->new_lines;
    d->deleted += h->old_lines;
    return 0;
}

int onLine(const git_diff_delta*, const git_diff_hunk*, const git_diff_line* line, void* payload)
{
    auto* d = static_cast<BlobDiff*>(payload);
    if (line->origin == GIT_DIFF_LINE_DELETION)
        d->deletedLines.emplace_back(std::uint32_t(line->old_lineno), lineHash(line->content, line->content_len));
    else if (line->origin == GIT_DIFF_LINE_ADDITION)
        d->addedLines.push_back(lineHash(line->content, line->content_len));
    return 0;
}

void diffBlobs(const git_blob* oldBlob, const git_blob* newBlob, BlobDiff& out, const std::string& path)
{
    git_diff_options opts;
    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
    opts.context_lines = 0;
    opts.interhunk_lines = 0;
    // Binary blobs never get here; FORCE_TEXT skips libgit2's second look at the content. No paths are
    // passed, so no .gitattributes lookup and no diff driver can run.
    opts.flags = GIT_DIFF_FORCE_TEXT;
    check(git_diff_blobs(oldBlob, nullptr, newBlob, nullptr, &opts, nullptr, nullptr, &onHunk,
              out.collectLines ? &onLine : nullptr, &out),
        "cannot diff " + path);
}

struct PendingText
{
    size_t fileIndex;
    BlobDiff diff;
};

} // namespace

CommitReader::CommitReader(const QString& repositoryPath, ReaderOptions options)
    : m_path(repositoryPath)
    , m_options(std::move(options))
    , m_repo(openRepository(repositoryPath))
{
}

bool CommitReader::isExcluded(const std::string& path) const
{
    for (const std::string& glob : m_options.excludeGlobs) {
        if (fnmatch(glob.c_str(), path.c_str(), 0) == 0)
            return true;
        // `vendor` or `vendor/` excludes the folder and everything under it.
        std::string dir = glob;
        while (!dir.empty() && dir.back() == '/')
            dir.pop_back();
        if (!dir.empty() && path.size() > dir.size() && path[dir.size()] == '/'
            && fnmatch(dir.c_str(), path.substr(0, dir.size()).c_str(), 0) == 0)
            return true;
    }
    return false;
}

BlobPtr CommitReader::loadBlob(const git_oid& id, const std::string& path) const
{
    git_blob* b = nullptr;
    check(git_blob_lookup(&b, m_repo.get(), &id),
        "missing or corrupt object " + oidHex(id) + " (blob of " + path + ") in " + m_path.toStdString());
    return BlobPtr(b);
}

FileDiff::Kind CommitReader::classify(const git_blob* blob, git_filemode_t mode) const
{
    if (!isBlobMode(mode))
        return FileDiff::Kind::Opaque;
    if (!blob)
        return FileDiff::Kind::Text;
    if (std::int64_t(git_blob_rawsize(blob)) > m_options.maxBlobBytes)
        return FileDiff::Kind::Opaque;
    return git_blob_is_binary(blob) ? FileDiff::Kind::Binary : FileDiff::Kind::Text;
}

void CommitReader::readMetadata(git_commit* commit, CommitRecord& out)
{
    auto person = [](const git_signature* s) {
        Person p;
        if (!s)
            return p;
        p.name = s->name ? s->name : "";
        p.email = s->email ? s->email : "";
        p.timeMs = std::int64_t(s->when.time) * 1000;
        p.offsetMinutes = s->when.offset;
        return p;
    };
    out.author = person(git_commit_author(commit));
    out.committer = person(git_commit_committer(commit));
    const char* message = git_commit_message(commit);
    out.message = message ? message : "";
    const char* encoding = git_commit_message_encoding(commit);
    if (encoding && qstricmp(encoding, "utf-8") != 0 && qstricmp(encoding, "utf8") != 0) {
        // An `encoding` header (e.g. ISO-8859-1) says how to read the bytes; unknown ones stay as they are.
        QStringDecoder decode(encoding);
        if (decode.isValid()) {
            auto recode = [&decode](std::string& s) {
                s = QString(decode(QByteArrayView(s.data(), qsizetype(s.size())))).toStdString();
            };
            recode(out.message);
            recode(out.author.name);
            recode(out.committer.name);
        }
    }
    // git's subject: the first paragraph, lines joined with spaces.
    const size_t paragraphEnd = out.message.find("\n\n");
    std::string subject = out.message.substr(0, paragraphEnd);
    std::replace(subject.begin(), subject.end(), '\n', ' ');
    while (!subject.empty() && (subject.back() == ' ' || subject.back() == '\r'))
        subject.pop_back();
    out.subject = std::move(subject);

    out.trailers = parseTrailers(QByteArray::fromStdString(out.message));
    if (m_options.rules) {
        CommitFacts facts;
        facts.authorName = QString::fromStdString(out.author.name);
        facts.authorEmail = QString::fromStdString(out.author.email);
        facts.committerName = QString::fromStdString(out.committer.name);
        facts.committerEmail = QString::fromStdString(out.committer.email);
        facts.message = QString::fromStdString(out.message);
        facts.subject = QString::fromStdString(out.subject);
        facts.trailers = out.trailers;
        facts.branches = branchesFromSubject(facts.subject);
        out.ai = m_options.rules->classify(facts);
    }
}

CommitRecord CommitReader::read(const git_oid& id, CommitIndex index)
{
    CommitRecord out;
    out.index = index;
    out.id = id;
    git_commit* raw = nullptr;
    check(git_commit_lookup(&raw, m_repo.get(), &id), "missing or corrupt commit " + oidHex(id) + " in " + m_path.toStdString());
    CommitPtr commit(raw);
    readMetadata(commit.get(), out);

    git_tree* rawTree = nullptr;
    check(git_commit_tree(&rawTree, commit.get()), "missing or corrupt tree of commit " + oidHex(id));
    TreePtr tree(rawTree);

    const unsigned parentCount = git_commit_parentcount(commit.get());
    std::vector<TreePtr> parentTrees;
    for (unsigned p = 0; p < parentCount; ++p) {
        out.parents.push_back(*git_commit_parent_id(commit.get(), p));
        git_commit* parent = nullptr;
        git_tree* parentTree = nullptr;
        const int rc = git_commit_parent(&parent, commit.get(), p);
        if (rc == GIT_ENOTFOUND) {
            // Shallow clone boundary: like git blame, the commit stands for everything before it.
            out.parentMissing.push_back(true);
            parentTrees.emplace_back();
            continue;
        }
        check(rc, "missing or corrupt parent " + oidHex(out.parents.back()) + " of commit " + oidHex(id));
        CommitPtr parentPtr(parent);
        check(git_commit_tree(&parentTree, parent), "missing or corrupt tree of commit " + oidHex(out.parents.back()));
        out.parentMissing.push_back(false);
        parentTrees.emplace_back(parentTree);
    }

    const bool isMerge = parentCount > 1 && !m_options.firstParent;
    diffAgainstFirstParent(parentTrees.empty() ? nullptr : parentTrees.front().get(), tree.get(), !isMerge, out);
    if (isMerge)
        diffAgainstOtherParents(parentTrees, out);
    return out;
}

void CommitReader::detectSimilarRenames(const git_tree* parentTree, const git_tree* tree, std::vector<TreeChange>& changes)
{
    std::vector<std::string> paths;
    for (const TreeChange& c : changes) {
        if ((c.added() && isBlobMode(c.newMode)) || (c.deleted() && isBlobMode(c.oldMode)))
            paths.push_back(c.path);
    }
    std::vector<char*> specs;
    for (std::string& p : paths)
        specs.push_back(p.data());
    git_diff_options opts;
    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
    opts.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    opts.pathspec.strings = specs.data();
    opts.pathspec.count = specs.size();
    git_diff* rawDiff = nullptr;
    check(git_diff_tree_to_tree(&rawDiff, m_repo.get(), const_cast<git_tree*>(parentTree), const_cast<git_tree*>(tree), &opts),
        "cannot diff trees for rename detection");
    DiffPtr diff(rawDiff);
    git_diff_find_options find;
    git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
    find.flags = GIT_DIFF_FIND_RENAMES; // git's default: 50% similarity
    check(git_diff_find_similar(diff.get(), &find), "rename detection failed");

    std::unordered_map<std::string, size_t> byPath;
    for (size_t i = 0; i < changes.size(); ++i)
        byPath[changes[i].path] = i;
    for (size_t d = 0; d < git_diff_num_deltas(diff.get()); ++d) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), d);
        if (delta->status != GIT_DELTA_RENAMED)
            continue;
        auto from = byPath.find(delta->old_file.path);
        auto to = byPath.find(delta->new_file.path);
        if (from == byPath.end() || to == byPath.end())
            continue;
        TreeChange& added = changes[to->second];
        TreeChange& removed = changes[from->second];
        added.oldId = removed.oldId;
        added.oldMode = removed.oldMode;
        // The rename source is consumed: mark it so it is neither a deletion nor another rename's source.
        removed.path.insert(0, 1, '\0');
        added.path += std::string(1, '\0') + delta->old_file.path;
    }
}

void CommitReader::diffAgainstFirstParent(const git_tree* parentTree, const git_tree* tree, bool trackMoves, CommitRecord& out)
{
    std::vector<TreeChange> changes;
    diffTrees(m_repo.get(), parentTree, tree, changes);
    // Submodules are other repositories: their entries are not files of this one.
    for (TreeChange& c : changes) {
        if (c.oldMode == GIT_FILEMODE_COMMIT)
            c.oldMode = GIT_FILEMODE_UNREADABLE;
        if (c.newMode == GIT_FILEMODE_COMMIT)
            c.newMode = GIT_FILEMODE_UNREADABLE;
    }
    changes.erase(std::remove_if(changes.begin(), changes.end(),
                      [&](const TreeChange& c) { return (c.added() && c.deleted()) || isExcluded(c.path); }),
        changes.end());

    // Exact renames first (same blob id), as git does; then similarity for what is left.
    std::unordered_map<std::string, std::vector<size_t>> deletedById;
    size_t unmatchedAdds = 0;
    for (size_t i = 0; i < changes.size(); ++i) {
        if (changes[i].deleted() && isBlobMode(changes[i].oldMode))
            deletedById[std::string(reinterpret_cast<const char*>(changes[i].oldId.id), GIT_OID_RAWSZ)].push_back(i);
    }
    for (TreeChange& c : changes) {
        if (!c.added() || !isBlobMode(c.newMode))
            continue;
        auto it = deletedById.find(std::string(reinterpret_cast<const char*>(c.newId.id), GIT_OID_RAWSZ));
        if (it == deletedById.end() || it->second.empty()) {
            ++unmatchedAdds;
            continue;
        }
        TreeChange& removed = changes[it->second.front()];
        it->second.erase(it->second.begin());
        c.oldId = removed.oldId;
        c.oldMode = removed.oldMode;
        c.path += std::string(1, '\0') + removed.path;
        removed.path.insert(0, 1, '\0');
    }
    size_t unmatchedDeletes = 0;
    for (const auto& [idKey, list] : deletedById)
        unmatchedDeletes += list.size();
    if (unmatchedAdds && unmatchedDeletes && parentTree)
        detectSimilarRenames(parentTree, tree, changes);

    std::vector<PendingText> pending;
    for (const TreeChange& c : changes) {
        if (!c.path.empty() && c.path.front() == '\0')
            continue; // consumed as a rename source
        FileDiff f;
        const size_t sep = c.path.find('\0');
        const bool renamed = sep != std::string::npos;
        f.path = c.deleted() ? std::string() : c.path.substr(0, sep);
        f.oldPath = renamed ? c.path.substr(sep + 1) : (c.added() ? std::string() : c.path);
        f.change = c.added() ? 'A' : c.deleted() ? 'D' : renamed ? 'R' : (isBlobMode(c.oldMode) != isBlobMode(c.newMode)) ? 'T' : 'M';
        f.newId = c.newId;

        BlobPtr oldBlob;
        BlobPtr newBlob;
        if (!c.added() && isBlobMode(c.oldMode))
            oldBlob = loadBlob(c.oldId, f.oldPath);
        if (!c.deleted() && isBlobMode(c.newMode))
            newBlob = loadBlob(c.newId, f.path);
        const FileDiff::Kind oldKind = c.added() ? FileDiff::Kind::Text : classify(oldBlob.get(), c.oldMode);
        const FileDiff::Kind newKind = c.deleted() ? FileDiff::Kind::Text : classify(newBlob.get(), c.newMode);
        f.kind = newKind != FileDiff::Kind::Text ? newKind : oldKind;

        if (f.kind == FileDiff::Kind::Text) {
            PendingText p { out.files.size(), {} };
            p.diff.collectLines = trackMoves;
            diffBlobs(oldBlob.get(), newBlob.get(), p.diff, f.path.empty() ? f.oldPath : f.path);
            f.hunks = p.diff.hunks;
            f.addedLines = p.diff.added;
            f.deletedLines = p.diff.deleted;
            pending.push_back(std::move(p));
        } else if (newKind == FileDiff::Kind::Text && !c.deleted()) {
            // Binary → text: the whole new content is added (the tracker starts the file afresh).
            PendingText p { out.files.size(), {} };
            p.diff.collectLines = trackMoves;
            diffBlobs(nullptr, newBlob.get(), p.diff, f.path);
            f.kind = FileDiff::Kind::Text;
            f.oldPath.clear();
            f.hunks = p.diff.hunks;
            f.addedLines = p.diff.added;
            pending.push_back(std::move(p));
        }
        out.files.push_back(std::move(f));
    }

    if (!trackMoves)
        return;
    // A deleted line whose content is added anywhere in the same commit was moved, not rewritten.
    std::unordered_map<std::uint64_t, std::int32_t> added;
    for (const PendingText& p : pending) {
        for (std::uint64_t h : p.diff.addedLines)
            ++added[h];
    }
    if (added.empty())
        return;
    for (const PendingText& p : pending) {
        FileDiff& f = out.files[p.fileIndex];
        for (const auto& [oldLine, h] : p.diff.deletedLines) {
            auto it = added.find(h);
            if (it != added.end() && it->second > 0) {
                --it->second;
                f.movedOldLines.push_back(oldLine);
            }
        }
        std::sort(f.movedOldLines.begin(), f.movedOldLines.end());
    }
}

void CommitReader::diffAgainstOtherParents(const std::vector<TreePtr>& parentTrees, CommitRecord& out)
{
    using EntryPtr = std::unique_ptr<git_tree_entry, GitDeleter<git_tree_entry, git_tree_entry_free>>;
    for (FileDiff& f : out.files) {
        if (f.kind != FileDiff::Kind::Text || f.path.empty())
            continue;
        BlobPtr mine;
        for (size_t p = 1; p < parentTrees.size(); ++p) {
            if (!parentTrees[p])
                continue;
            git_tree_entry* raw = nullptr;
            if (git_tree_entry_bypath(&raw, parentTrees[p].get(), f.path.c_str()) != 0)
                continue;
            EntryPtr theirs(raw);
            if (!isBlobMode(git_tree_entry_filemode(theirs.get())))
                continue;
            if (git_oid_equal(git_tree_entry_id(theirs.get()), &f.newId)) {
                // git blame: a file identical to a parent's takes that parent's lines as they are.
                f.inheritFrom = int(p);
                f.otherParents.clear();
                break;
            }
            BlobPtr theirBlob = loadBlob(*git_tree_entry_id(theirs.get()), f.path);
            if (classify(theirBlob.get(), git_tree_entry_filemode(theirs.get())) != FileDiff::Kind::Text)
                continue;
            if (!mine)
                mine = loadBlob(f.newId, f.path);
            BlobDiff d;
            diffBlobs(theirBlob.get(), mine.get(), d, f.path);
            f.otherParents.emplace_back(int(p), std::move(d.hunks));
        }
    }
}

} // namespace faultline::importers::git
