#pragma once

// Scratch git repositories for tests: a repository in a temporary folder driven through the git CLI with
// fixed dates, content builders, the scenario histories, and the comparison of faultline's stored blame
// with `git blame --porcelain`.

#include "git/git_history_importer.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTest>

#include <cstdint>
#include <exception>
#include <initializer_list>
#include <utility>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::test {

inline constexpr qint64 kHour = 3600;
inline constexpr qint64 kDay = 86400;
inline constexpr qint64 kDayMs = kDay * 1000;
inline constexpr qint64 kEpoch = 1700000000; // 2023-11-14 22:13:20 UTC: the first scratch commit

bool isValidUtf8(const QByteArray& bytes);

QString q(const char* utf8);

// A git repository in a temporary folder, driven through the git CLI with fixed dates and no user config.
class Scratch
{
public:
    explicit Scratch(QString dir)
        : m_dir(std::move(dir))
    {
    }
    static Scratch create(const QString& dir);

    qint64 clock = kEpoch; // author and committer date (seconds) of the next commit

    const QString& dir() const { return m_dir; }
    QString path(const QString& rel) const { return m_dir + QLatin1Char('/') + rel; }

    QByteArray git(const QStringList& args, const QByteArray& input = {}, int* exitCode = nullptr) const;
    QByteArray git(const char* spaceSeparated) const { return git(q(spaceSeparated).split(QLatin1Char(' '), Qt::SkipEmptyParts)); }
    QString rev(const QString& spec) const;
    qint64 count(const QStringList& revListArgs) const;

    void write(const QString& rel, const QByteArray& bytes) const;
    QByteArray read(const QString& rel) const;
    void remove(const QString& rel) const;
    void move(const QString& from, const QString& to) const;

    // Stages everything (unless indexOnly) and commits `secondsLater` after the previous commit.
    QString commit(const QString& message, qint64 secondsLater = kHour, bool indexOnly = false);
    void checkout(const char* args) const;
    // A --no-ff merge; false (and a merge in progress) on conflict.
    bool merge(const QString& branches, const QString& message, bool noCommit = false);
    // Commits a merge in progress (after a conflict or --no-commit).
    QString concludeMerge(const QString& message);
    // The loose object file of an object.
    QString objectFile(const QString& sha) const { return path(QStringLiteral(".git/objects/%1/%2").arg(sha.left(2), sha.mid(2))); }

private:
    QString m_dir;
};

QByteArray numbered(const char* prefix, int from, int to);

QByteArray joined(std::initializer_list<const char*> lines, const char* eol = "\n");

// A C function with braces and a blank line: repeated lines that make diffs ambiguous.
QByteArray fn(int n, const char* body = nullptr);

QByteArray replaceLine(QByteArray text, int line, const QByteArray& with);

importers::git::GitImportReport importInto(const QString& wsPath, const QString& repo, importers::git::GitImportOptions options = {},
    const importers::ProgressCallback& progress = {});

std::int64_t onlyRepoId(const store::SqliteDatabase& db);

QStringList queryRows(const QString& wsPath, const char* sql);

// Files at `rev` split into text files (blamed by both) and the rest (binary, symlink, gitlink).
struct TreeFiles
{
    QStringList text;
    QStringList other;
    int undecodable = 0; // names that are not UTF-8: cannot be passed to git blame from here
};

TreeFiles filesAt(const Scratch& r, const QString& rev);

QList<QByteArray> gitBlame(const Scratch& r, const QString& rev, const QString& path, bool firstParent);

struct Agreement
{
    qint64 agreeing = 0;
    qint64 total = 0;
    int files = 0;
    QStringList problems;

    double percent() const { return total ? 100.0 * double(agreeing) / double(total) : 100.0; }
    void problem(const QString& p)
    {
        if (problems.size() < 40)
            problems << p;
    }
    QByteArray text() const;
};

// Compares the stored blame of every text file at `rev` with git blame, line by line.
Agreement compareBlame(const Scratch& r, const QString& wsPath, const QString& rev = QStringLiteral("HEAD"), bool firstParent = false);

// Lines blamed to a commit at HEAD are lines it added: never more than its added_lines.
QStringList addedLinesViolations(const QString& wsPath);

// Everything an import stored, keyed by shas (ids differ between workspaces).
QStringList snapshot(const QString& wsPath);

QStringList churnRows(const QString& wsPath);

QString churnRow(const QString& origin, const QString& removing, const char* path, int lines, qint64 ageMs);

template <typename F>
void guarded(F&& body)
{
    try {
        body();
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
}

// ---- Scenarios: each builds a history whose blame at HEAD must match git blame exactly. ----

void linearEdits(Scratch& r);
// Repeated lines before a 1 KB common tail that git blame trims before diffing.
void commonTailTrimmed(Scratch& r);
// Both sides change the same line: a conflict resolved by keeping both and adding a line.
void mergeWithConflict(Scratch& r);
void cleanMerge(Scratch& r);
void evilMerge(Scratch& r);
void renames(Scratch& r);
void renameWithEdits(Scratch& r);
// A file split into two in one commit: git blame follows the deleted file into both.
void fileSplitInTwo(Scratch& r);
void deletedAndReadded(Scratch& r);
void crlf(Scratch& r);
void noTrailingNewline(Scratch& r);
void emptyFile(Scratch& r);
void binaryFile(Scratch& r);
void octopusMerge(Scratch& r);
void twoMergesInARow(Scratch& r);
// Both sides make the same change to line 1; the merge result equals the second parent's file.
void identicalToSecondParent(Scratch& r);
void renameOnSideBranch(Scratch& r);
void bothSidesDifferentPlaces(Scratch& r);
// The same line change on both sides, plus other changes: the first parent wins the common line.
void sameChangeBothSides(Scratch& r);

} // namespace faultline::test
