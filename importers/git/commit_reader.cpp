#include "commit_reader.h"

#include "common/import_error.h"
#include "common/timestamp_parser.h"
#include "similarity.h"
#include "tree_diff.h"

#include <QStringDecoder>

#include <algorithm>
#include <cstring>
#include <functional>
#include <fnmatch.h>
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

// git's xdi_diff() drops the identical tail of both files in 1 KB blocks before a zero-context diff
// (trim_common_tail in xdiff-interface.c), keeping the bytes up to the first newline of what it cut.
// Lines there then count neither as matches nor for xdiff's line-frequency heuristics, which can move
// hunks elsewhere in the file: blame only agrees with git when it diffs the same trimmed inputs.
size_t commonTailToTrim(const char* a, size_t aSize, const char* b, size_t bSize)
{
    constexpr size_t block = 1024;
    const size_t smaller = std::min(aSize, bSize);
    size_t trimmed = 0;
    while (block + trimmed <= smaller && std::memcmp(a + aSize - trimmed - block, b + bSize - trimmed - block, block) == 0)
        trimmed += block;
    size_t recovered = 0;
    const char* ap = a + aSize - trimmed;
    while (recovered < trimmed) {
        if (ap[recovered++] == '\n')
            break;
    }
    return trimmed - recovered;
}

void diffBlobs(const git_blob* oldBlob, const git_blob* newBlob, BlobDiff& out, const std::string& path)
{
    git_diff_options opts;
    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
    opts.context_lines = 0;
    opts.interhunk_lines = 0;
    // git blame diffs with the indent heuristic on (git's default since 2.14); without it, hunks in
    // runs of repeated lines slide and blame the neighbouring commit. Binary blobs never get here.
    opts.flags = GIT_DIFF_FORCE_TEXT | GIT_DIFF_INDENT_HEURISTIC;
    auto* const onLines = out.collectLines ? &onLine : nullptr;
    const char* a = oldBlob ? static_cast<const char*>(git_blob_rawcontent(oldBlob)) : "";
    const char* b = newBlob ? static_cast<const char*>(git_blob_rawcontent(newBlob)) : "";
    const size_t aSize = oldBlob ? size_t(git_blob_rawsize(oldBlob)) : 0;
    const size_t bSize = newBlob ? size_t(git_blob_rawsize(newBlob)) : 0;
    const size_t tail = commonTailToTrim(a, aSize, b, bSize);
    if (tail == 0) {
        // Empty paths (not null: libgit2 then names the file "file") make libgit2 skip the .gitattributes
        // and diff-driver lookup, a dozen failed stat calls per blob pair. Blobs rather than buffers:
        // git_diff_buffers SHA-1s both inputs again (measured: diff phase 3.1 s → 1.5 s on 10k commits).
        check(git_diff_blobs(oldBlob, "", newBlob, "", &opts, nullptr, nullptr, &onHunk, onLines, &out), "cannot diff " + path);
        return;
    }
    check(git_diff_buffers(a, aSize - tail, "", b, bSize - tail, "", &opts, nullptr, nullptr, &onHunk, onLines, &out),
        "cannot diff " + path);
}

// git's rule (buffer_is_binary): a NUL byte in the first 8000 bytes. libgit2's own check also counts
// control characters, which would make us skip files that git blames.
bool looksBinary(const git_blob* blob)
{
    const auto size = size_t(std::min<git_object_size_t>(git_blob_rawsize(blob), 8000));
    return std::memchr(git_blob_rawcontent(blob), 0, size) != nullptr;
}

std::string baseName(const std::string& path)
{
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

CommitReader::CommitReader(const QString& repositoryPath, ReaderOptions options)
    : m_path(repositoryPath)
    , m_options(std::move(options))
    , m_repo(openRepository(repositoryPath))
{
    m_notes.emplace(m_repo.get());
    if (!m_notes->hasAnyNotes())
        m_notes.reset();
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

const git_blob* CommitReader::currentBlob(const git_oid& id, const std::string& path)
{
    auto it = m_current.find(path);
    if (it != m_current.end() && git_oid_equal(git_blob_id(it->second.get()), &id))
        return it->second.get();
    BlobPtr blob = loadBlob(id, path);
    const git_blob* raw = blob.get();
    if (it == m_current.end()) {
        m_current.emplace(path, std::move(blob));
    } else {
        // The version it replaces may still be one side of this commit's diff: keep it until the next commit.
        m_retired.push_back(std::move(it->second));
        it->second = std::move(blob);
    }
    return raw;
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
    return looksBinary(blob) ? FileDiff::Kind::Binary : FileDiff::Kind::Text;
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

bool CommitReader::ownsPath(const std::string& path) const
{
    return m_shards <= 1 || std::hash<std::string>()(path) % m_shards == m_shard;
}

CommitRecord CommitReader::read(const git_oid& id, CommitIndex index, unsigned shard, unsigned shards)
{
    m_shard = shard;
    m_shards = std::max(shards, 1u);
    CommitRecord out;
    out.index = index;
    out.id = id;
    git_commit* raw = nullptr;
    check(git_commit_lookup(&raw, m_repo.get(), &id), "missing or corrupt commit " + oidHex(id) + " in " + m_path.toStdString());
    CommitPtr commit(raw);
    // The metadata (message, trailers, AI rules, notes) is read by one shard per commit, in turn, so
    // that no worker carries all of it.
    const bool metadataShard = index % m_shards == shard;
    out.hasMetadata = metadataShard;
    if (metadataShard)
        readMetadata(commit.get(), out);
    if (metadataShard && m_notes) {
        try {
            out.note = m_notes->noteFor(id);
        } catch (const ValueError& e) {
            out.noteError = e.what();
        }
    }

    git_tree* rawTree = nullptr;
    check(git_commit_tree(&rawTree, commit.get()), "missing or corrupt tree of commit " + oidHex(id));
    TreePtr tree(rawTree);

    const unsigned parentCount = git_commit_parentcount(commit.get());
    const bool isMerge = parentCount > 1 && !m_options.firstParent;
    std::vector<TreePtr> parentTrees;
    for (unsigned p = 0; p < parentCount; ++p) {
        out.parents.push_back(*git_commit_parent_id(commit.get(), p));
        if (p > 0 && !isMerge) {
            out.parentMissing.push_back(false); // first-parent mode never reads the other sides
            parentTrees.emplace_back();
            continue;
        }
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
        check(git_commit_tree(&parentTree, parent),
              "missing or corrupt tree of commit " + oidHex(out.parents.back()));
        out.parentMissing.push_back(false);
        parentTrees.emplace_back(parentTree);
    }

    m_spanHashes.clear();
    m_retired.clear();
    diffAgainstFirstParent(parentTrees.empty() ? nullptr : parentTrees.front().get(), tree.get(), !isMerge,
                           out);
    if (isMerge)
        diffAgainstOtherParents(parentTrees, tree.get(), out);
    return out;
}

const SpanHash* CommitReader::spanHashOf(const git_oid& id, const std::string& path)
{
    const std::string key(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
    auto it = m_spanHashes.find(key);
    if (it == m_spanHashes.end()) {
        BlobPtr blob = loadBlob(id, path);
        std::optional<SpanHash> hash;
        if (std::int64_t(git_blob_rawsize(blob.get())) <= m_options.maxBlobBytes) {
            const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
            hash.emplace(std::string_view(data, size_t(git_blob_rawsize(blob.get()))),
                         !looksBinary(blob.get()));
        }
        it = m_spanHashes.emplace(key, std::move(hash)).first;
    }
    return it->second ? &*it->second : nullptr;
}

std::optional<size_t> CommitReader::renameSource(const std::vector<TreeChange>& candidates,
                                                 const std::vector<size_t>& deleted, const TreeChange& dst)
{
    // Same content first (preferring the same file name, as git does), then the most similar regular
    // file at git's default threshold of 50 %.
    std::optional<size_t> exact;
    for (size_t d : deleted) {
        if (git_oid_equal(&candidates[d].oldId, &dst.newId)
            && (!exact
                || (baseName(candidates[d].path) == baseName(dst.path)
                    && baseName(candidates[*exact].path) != baseName(dst.path))))
            exact = d;
    }
    if (exact)
        return exact;
    if (dst.newMode != GIT_FILEMODE_BLOB && dst.newMode != GIT_FILEMODE_BLOB_EXECUTABLE)
        return std::nullopt;
    const SpanHash* dstHash = spanHashOf(dst.newId, dst.path);
    if (!dstHash)
        return std::nullopt;
    int best = kDefaultRenameScore - 1;
    std::optional<size_t> bestSource;
    for (size_t d : deleted) {
        if (candidates[d].oldMode != GIT_FILEMODE_BLOB
            && candidates[d].oldMode != GIT_FILEMODE_BLOB_EXECUTABLE)
            continue;
        const SpanHash* srcHash = spanHashOf(candidates[d].oldId, candidates[d].path);
        if (!srcHash)
            continue;
        const int score = similarityScore(*srcHash, *dstHash);
        if (score > best) {
            best = score;
            bestSource = d;
        }
    }
    return bestSource;
}

void CommitReader::findRenames(std::vector<TreeChange>& changes)
{
    // As git blame follows a file: a path new in the commit continues a deleted path (see
    // renameSource). Each new path looks on its own, like blame's single-path rename search, so one
    // source may feed several new paths.
    std::vector<size_t> deleted;
    std::vector<size_t> added;
    for (size_t i = 0; i < changes.size(); ++i) {
        if (changes[i].deleted() && isBlobMode(changes[i].oldMode))
            deleted.push_back(i);
        else if (changes[i].added() && isBlobMode(changes[i].newMode))
            added.push_back(i);
    }
    if (deleted.empty() || added.empty())
        return;
    std::vector<std::pair<size_t, size_t>> renames; // (added, source)
    for (size_t a : added) {
        if (auto source = renameSource(changes, deleted, changes[a]))
            renames.emplace_back(a, *source);
    }
    for (const auto& [a, d] : renames) {
        changes[a].oldId = changes[d].oldId;
        changes[a].oldMode = changes[d].oldMode;
        changes[a].renamedFrom = changes[d].path;
        changes[d].renameSource = true;
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

    findRenames(changes);

    for (const TreeChange& c : changes) {
        if (c.renameSource)
            continue; // its lines moved with the rename
        FileDiff f;
        const bool renamed = !c.renamedFrom.empty();
        f.path = c.deleted() ? std::string() : c.path;
        f.oldPath = renamed ? c.renamedFrom : (c.added() ? std::string() : c.path);
        if (!ownsPath(f.path.empty() ? f.oldPath : f.path))
            continue;
        f.change = c.added() ? 'A' : c.deleted() ? 'D' : renamed ? 'R' : (isBlobMode(c.oldMode) != isBlobMode(c.newMode)) ? 'T' : 'M';
        f.newId = c.newId;

        const git_blob* oldBlob = nullptr;
        const git_blob* newBlob = nullptr;
        if (!c.added() && isBlobMode(c.oldMode))
            oldBlob = currentBlob(c.oldId, f.oldPath);
        if (!c.deleted() && isBlobMode(c.newMode))
            newBlob = currentBlob(c.newId, f.path);
        if (f.path != f.oldPath && !f.oldPath.empty()) {
            // Renamed or deleted: the old path is gone; its blob may be one side of the diff below.
            if (auto gone = m_current.find(f.oldPath); gone != m_current.end()) {
                m_retired.push_back(std::move(gone->second));
                m_current.erase(gone);
            }
        }
        const FileDiff::Kind oldKind = c.added() ? FileDiff::Kind::Text : classify(oldBlob, c.oldMode);
        const FileDiff::Kind newKind = c.deleted() ? FileDiff::Kind::Text : classify(newBlob, c.newMode);
        f.kind = newKind != FileDiff::Kind::Text ? newKind : oldKind;

        const bool wasOpaque = f.kind != FileDiff::Kind::Text && newKind == FileDiff::Kind::Text && !c.deleted();
        if (f.kind == FileDiff::Kind::Text || wasOpaque) {
            BlobDiff d;
            d.collectLines = trackMoves;
            // Binary or opaque → text: the whole new content is added (the tracker starts the file afresh).
            diffBlobs(wasOpaque ? nullptr : oldBlob, newBlob, d, f.path.empty() ? f.oldPath : f.path);
            if (wasOpaque) {
                f.kind = FileDiff::Kind::Text;
                f.oldPath.clear();
            }
            f.hunks = std::move(d.hunks);
            f.addedLines = d.added;
            f.deletedLines = wasOpaque ? 0 : d.deleted;
            f.deletedHashes = std::move(d.deletedLines);
            f.addedHashes = std::move(d.addedLines);
        }
        out.files.push_back(std::move(f));
    }
}

void CommitReader::diffAgainstOtherParents(const std::vector<TreePtr>& parentTrees, const git_tree* tree,
                                           CommitRecord& out)
{
    using EntryPtr = std::unique_ptr<git_tree_entry, GitDeleter<git_tree_entry, git_tree_entry_free>>;
    // Per parent, the paths it has that the merge does not: where git blame looks for renames.
    std::vector<std::optional<std::vector<TreeChange>>> goneInMerge(parentTrees.size());
    for (FileDiff& f : out.files) {
        if (f.kind != FileDiff::Kind::Text || f.path.empty())
            continue;
        if (f.change == 'R' && f.hunks.empty() && f.addedLines == 0 && f.deletedLines == 0)
            continue; // identical to the first parent's file under its old name: that parent takes it all
        // The merge's side is the blob diffAgainstFirstParent() just made current for this path.
        const git_blob* mine = nullptr;
        for (size_t p = 1; p < parentTrees.size(); ++p) {
            if (!parentTrees[p])
                continue;
            FileDiff::OtherParent other { int(p), f.path, false, {} };
            git_oid theirId {};
            git_tree_entry* raw = nullptr;
            if (git_tree_entry_bypath(&raw, parentTrees[p].get(), f.path.c_str()) == 0) {
                EntryPtr theirs(raw);
                if (!isBlobMode(git_tree_entry_filemode(theirs.get())))
                    continue;
                theirId = *git_tree_entry_id(theirs.get());
            } else {
                auto& gone = goneInMerge[p];
                if (!gone) {
                    std::vector<TreeChange> changes;
                    diffTrees(m_repo.get(), parentTrees[p].get(), tree, changes);
                    gone.emplace();
                    for (TreeChange& c : changes) {
                        if (c.deleted() && isBlobMode(c.oldMode))
                            gone->push_back(std::move(c));
                    }
                }
                std::vector<size_t> all(gone->size());
                for (size_t k = 0; k < all.size(); ++k)
                    all[k] = k;
                TreeChange dst;
                dst.path = f.path;
                dst.newId = f.newId;
                dst.newMode = GIT_FILEMODE_BLOB;
                const auto source = renameSource(*gone, all, dst);
                if (!source)
                    continue;
                other.path = (*gone)[*source].path;
                theirId = (*gone)[*source].oldId;
            }
            if (git_oid_equal(&theirId, &f.newId)) {
                other.identical = true;
                f.otherParents.push_back(std::move(other));
                continue;
            }
            BlobPtr theirBlob = loadBlob(theirId, other.path);
            if (classify(theirBlob.get(), GIT_FILEMODE_BLOB) != FileDiff::Kind::Text)
                continue;
            if (!mine)
                mine = currentBlob(f.newId, f.path);
            BlobDiff d;
            diffBlobs(theirBlob.get(), mine, d, f.path);
            other.hunks = std::move(d.hunks);
            f.otherParents.push_back(std::move(other));
        }
    }
}

} // namespace faultline::importers::git
