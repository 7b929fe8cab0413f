#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <git2.h>

#include <map>
#include <optional>
#include <vector>

namespace faultline::importers::git {

// A set of 1-based line numbers kept as sorted, disjoint, non-touching ranges, so that a note
// attesting `1-200000` costs one entry and overlapping or repeated ranges are deduplicated.
class LineSet
{
public:
    struct Range
    {
        int first;
        int last; // inclusive
        bool operator==(const Range&) const = default;
    };

    void add(int first, int last);
    void unite(const LineSet& other);
    void subtract(const LineSet& other);

    bool contains(int line) const;
    int count() const;
    bool isEmpty() const { return m_ranges.empty(); }
    const std::vector<Range>& ranges() const { return m_ranges; }
    std::vector<int> lines() const; // expanded, ascending

    bool operator==(const LineSet&) const = default;

private:
    std::vector<Range> m_ranges;
};

// Attribution of one file as of the noted commit.
struct GitAiFile
{
    QString path;
    LineSet aiLines; // every AI-attested line
    LineSet humanLines; // lines a known human typed (h_ keys, or a person in the legacy format): not AI
    // AI lines per tool id as git-ai names them (claude, cursor, codex, …; "unknown" when the session
    // record is missing). Where entries overlap, the later one wins, as in git-ai's own blame.
    std::map<QString, LineSet> aiLinesByTool;

    QStringList tools() const;
};

enum class GitAiNoteFormat
{
    AuthorshipLog,
    LegacyJson
};

struct GitAiNote
{
    QString commitSha;
    GitAiNoteFormat format = GitAiNoteFormat::AuthorshipLog;
    QString schemaVersion; // "authorship/3.0.0", "authorship/0.0.1", …
    QString baseCommitSha; // empty for the legacy format
    QString gitAiVersion;
    std::vector<GitAiFile> files; // files with at least one attested line, in note order

    const GitAiFile* file(const QString& path) const;
    int aiLineCount(const QString& path) const; // 0 for a file the note does not mention
    int aiLineCount() const; // over all files
    QStringList tools() const; // every tool with at least one AI line
};

// Parses a note of refs/notes/ai (AI_MARKERS.md §2.2, "authorship/3.x" and earlier text versions):
// attestation lines, `---`, metadata JSON. Throws ValueError `note on <sha>, line N: <problem>`.
GitAiNote parseGitAiNote(const QByteArray& text, const QString& commitSha);

// Parses the legacy JSON blob of refs/ai/authorship/<sha> ("authorship/0.0.1"). Throws ValueError
// `note on <sha> (refs/ai/authorship): <json path>: <problem>`.
GitAiNote parseLegacyGitAiNote(const QByteArray& json, const QString& commitSha);

// Parses either format, told apart by the first non-blank character (`{` = legacy JSON).
GitAiNote parseAnyGitAiNote(const QByteArray& text, const QString& commitSha);

// Reads git-ai's notes of a repository the caller opened (and keeps open while this object lives).
// libgit2 objects are not thread-safe: use one reader per thread, each with its own repository.
class GitAiNotesReader
{
public:
    static constexpr const char* kNotesRef = "refs/notes/ai";
    static constexpr const char* kLegacyRefPrefix = "refs/ai/authorship/";

    explicit GitAiNotesReader(git_repository* repo);

    // The note on a commit: refs/notes/ai first, else the legacy ref. nullopt when there is none
    // (including when neither ref exists). A note that cannot be parsed throws ValueError naming the
    // commit and the line; a libgit2 failure other than "not found" throws ValueError with its message.
    std::optional<GitAiNote> noteFor(const git_oid& commit) const;

    bool hasAnyNotes() const { return m_hasNotesRef || m_hasLegacyRefs; }

private:
    std::optional<QByteArray> readNote(const git_oid& commit, const QString& sha) const;
    std::optional<QByteArray> readLegacy(const QString& sha) const;

    git_repository* m_repo;
    bool m_hasNotesRef = false;
    bool m_hasLegacyRefs = false;
};

} // namespace faultline::importers::git
