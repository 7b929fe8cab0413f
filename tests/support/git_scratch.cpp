// Scratch git repositories driven through the git CLI, and the comparison of faultline's stored blame with
// `git blame --porcelain` (no -M/-C). Moved out of tst_git_import.cpp.
#include "git_scratch.h"

#include "store/git_queries.h"
#include "store/sqlite_database.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace store = faultline::store;
namespace fgit = faultline::importers::git;
using faultline::importers::ProgressCallback;

namespace faultline::test {

namespace {

QString emptyTree()
{
    return QStringLiteral("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
}

} // namespace

bool isValidUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString s = decoder.decode(bytes);
    return !decoder.hasError();
}

QString q(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

Scratch Scratch::create(const QString& dir)
{
    QDir().mkpath(dir);
    Scratch s(dir);
    s.git("init -q -b main");
    return s;
}

QByteArray Scratch::git(const QStringList& args, const QByteArray& input, int* exitCode) const
{
    QStringList all;
    for (const char* c : { "user.name=Scratch Author", "user.email=scratch@example.com", "core.autocrlf=false",
             "core.safecrlf=false", "gc.auto=0", "core.compression=0", "commit.gpgsign=false", "advice.detachedHead=false",
             "merge.conflictStyle=merge" })
        all << QStringLiteral("-c") << q(c);
    QProcess p;
    p.setWorkingDirectory(m_dir);
    auto env = QProcessEnvironment::systemEnvironment();
    for (const char* v : { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES" })
        env.remove(q(v));
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_CONFIG_GLOBAL"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    const QString date = QStringLiteral("@%1 +0000").arg(clock);
    env.insert(QStringLiteral("GIT_AUTHOR_DATE"), date);
    env.insert(QStringLiteral("GIT_COMMITTER_DATE"), date);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("git"), all + args);
    if (!p.waitForStarted())
        throw std::runtime_error("cannot start git");
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(180000))
        throw std::runtime_error("git timed out: " + args.join(QLatin1Char(' ')).toStdString());
    const int code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    const QByteArray out = p.readAllStandardOutput();
    if (exitCode)
        *exitCode = code;
    else if (code != 0)
        throw std::runtime_error("git " + args.join(QLatin1Char(' ')).toStdString() + " in " + m_dir.toStdString()
            + " failed: " + p.readAllStandardError().toStdString());
    return out;
}

QString Scratch::rev(const QString& spec) const
{
    return QString::fromLatin1(git({ QStringLiteral("rev-parse"), QStringLiteral("--verify"), spec }).trimmed());
}

qint64 Scratch::count(const QStringList& revListArgs) const
{
    return git(QStringList { QStringLiteral("rev-list"), QStringLiteral("--count") } + revListArgs).trimmed().toLongLong();
}

void Scratch::write(const QString& rel, const QByteArray& bytes) const
{
    const QString p = path(rel);
    QDir().mkpath(QFileInfo(p).path());
    QFile f(p);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        throw std::runtime_error("cannot write " + p.toStdString());
}

QByteArray Scratch::read(const QString& rel) const
{
    QFile f(path(rel));
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read " + rel.toStdString());
    return f.readAll();
}

void Scratch::remove(const QString& rel) const
{
    QFile::remove(path(rel));
}

void Scratch::move(const QString& from, const QString& to) const
{
    write(to, read(from));
    remove(from);
}

QString Scratch::commit(const QString& message, qint64 secondsLater, bool indexOnly)
{
    clock += secondsLater;
    if (!indexOnly)
        git("add -A");
    git({ QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"), QStringLiteral("-m"), message });
    return rev(QStringLiteral("HEAD"));
}

void Scratch::checkout(const char* args) const
{
    git(QByteArray(QByteArray("checkout -q ") + args).constData());
}

bool Scratch::merge(const QString& branches, const QString& message, bool noCommit)
{
    clock += kHour;
    QStringList a { QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-ff"), QStringLiteral("-m"), message };
    if (noCommit)
        a << QStringLiteral("--no-commit");
    int code = 0;
    git(a + branches.split(QLatin1Char(' ')), {}, &code);
    return code == 0;
}

QString Scratch::concludeMerge(const QString& message)
{
    git("add -A");
    git({ QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), message });
    return rev(QStringLiteral("HEAD"));
}

QByteArray numbered(const char* prefix, int from, int to)
{
    QByteArray out;
    for (int i = from; i <= to; ++i)
        out += QByteArray(prefix) + ' ' + QByteArray::number(i) + '\n';
    return out;
}

QByteArray joined(std::initializer_list<const char*> lines, const char* eol)
{
    QByteArray out;
    for (const char* l : lines)
        out += QByteArray(l) + eol;
    return out;
}

// A C function with braces and a blank line: repeated lines that make diffs ambiguous.
QByteArray fn(int n, const char* body)
{
    const QByteArray b = body ? QByteArray(body) : "return x + " + QByteArray::number(n) + ";";
    return "int f" + QByteArray::number(n) + "(int x)\n{\n    " + b + "\n}\n\n";
}

QByteArray replaceLine(QByteArray text, int line, const QByteArray& with)
{
    QList<QByteArray> lines = text.split('\n');
    lines[line - 1] = with;
    return lines.join('\n');
}

fgit::GitImportReport importInto(const QString& wsPath, const QString& repo, fgit::GitImportOptions options,
    const ProgressCallback& progress)
{
    auto ws = QFileInfo::exists(wsPath) ? store::Workspace::open(wsPath) : store::Workspace::create(wsPath);
    options.repository = repo;
    return fgit::GitHistoryImporter::run(ws, options, progress);
}

std::int64_t onlyRepoId(const store::SqliteDatabase& db)
{
    const auto repos = store::repositories(db);
    if (repos.size() != 1)
        throw std::runtime_error("expected one repository in the workspace, found " + std::to_string(repos.size()));
    return repos.front().id;
}

QStringList queryRows(const QString& wsPath, const char* sql)
{
    auto ws = store::Workspace::openReadOnly(wsPath);
    auto st = ws.db().prepare(sql);
    QStringList rows;
    while (st.step()) {
        QStringList cols;
        for (int c = 0; c < st.columnCount(); ++c)
            cols << st.text(c);
        rows << cols.join(QLatin1Char(' '));
    }
    rows.sort();
    return rows;
}

TreeFiles filesAt(const Scratch& r, const QString& rev)
{
    QSet<QString> binary;
    for (const QByteArray& rec : r.git({ QStringLiteral("diff"), QStringLiteral("--numstat"), QStringLiteral("-z"), emptyTree(), rev }).split('\0')) {
        if (rec.startsWith("-\t-\t"))
            binary.insert(QString::fromUtf8(rec.mid(4)));
    }
    TreeFiles files;
    for (const QByteArray& rec : r.git({ QStringLiteral("ls-tree"), QStringLiteral("-r"), QStringLiteral("-z"), rev }).split('\0')) {
        const qsizetype tab = rec.indexOf('\t');
        if (tab < 0)
            continue;
        const QByteArray name = rec.mid(tab + 1);
        const QString path = QString::fromUtf8(name);
        if (!isValidUtf8(name))
            ++files.undecodable;
        else if ((rec.startsWith("100644 ") || rec.startsWith("100755 ")) && !binary.contains(path))
            files.text << path;
        else
            files.other << path;
    }
    return files;
}

QList<QByteArray> gitBlame(const Scratch& r, const QString& rev, const QString& path, bool firstParent)
{
    QStringList a { QStringLiteral("blame"), QStringLiteral("--porcelain") };
    if (firstParent)
        a << QStringLiteral("--first-parent");
    a << rev << QStringLiteral("--") << path;
    QList<QByteArray> shas;
    static const QRegularExpression header(QStringLiteral("^[0-9a-f]{40} \\d+ (\\d+)( \\d+)?$"));
    for (const QByteArray& line : r.git(a).split('\n')) {
        if (line.isEmpty() || line.startsWith('\t'))
            continue;
        const auto m = header.match(QString::fromLatin1(line));
        if (!m.hasMatch())
            continue;
        const int finalLine = m.captured(1).toInt();
        if (shas.size() < finalLine)
            shas.resize(finalLine);
        shas[finalLine - 1] = line.left(40);
    }
    return shas;
}

QByteArray Agreement::text() const
{
    return QStringLiteral("%1 of %2 lines agree with git blame (%3 %) over %4 text files\n  %5")
        .arg(agreeing)
        .arg(total)
        .arg(percent(), 0, 'f', 3)
        .arg(files)
        .arg(problems.join(QStringLiteral("\n  ")))
        .toUtf8();
}

// Compares the stored blame of every text file at `rev` with git blame, line by line.
Agreement compareBlame(const Scratch& r, const QString& wsPath, const QString& rev, bool firstParent)
{
    Agreement a;
    QHash<QString, QString> subjects;
    for (const QByteArray& l : r.git({ QStringLiteral("log"), QStringLiteral("--all"), QStringLiteral("--format=%H %s") }).split('\n'))
        subjects.insert(QString::fromLatin1(l.left(40)), QString::fromUtf8(l.mid(41)));
    auto describe = [&](const QString& sha) { return QStringLiteral("%1 \"%2\"").arg(sha.left(10), subjects.value(sha)); };

    auto ws = store::Workspace::openReadOnly(wsPath);
    const std::int64_t repoId = onlyRepoId(ws.db());
    const TreeFiles files = filesAt(r, rev);
    for (const QString& path : files.text) {
        ++a.files;
        const QList<QByteArray> git = gitBlame(r, rev, path, firstParent);
        QStringList ours;
        for (const store::BlameSpan& s : store::blameAtHead(ws.db(), repoId, path)) {
            if (s.firstLine != std::uint32_t(ours.size() + 1))
                a.problem(QStringLiteral("%1: span starts at line %2 after %3 lines").arg(path).arg(s.firstLine).arg(ours.size()));
            for (std::uint32_t k = 0; k < s.lineCount; ++k)
                ours << s.sha;
        }
        a.total += std::max(qsizetype(git.size()), ours.size());
        if (git.size() != ours.size())
            a.problem(QStringLiteral("%1: git blame has %2 lines, faultline %3").arg(path).arg(git.size()).arg(ours.size()));
        int reported = 0;
        for (qsizetype i = 0; i < std::min(qsizetype(git.size()), ours.size()); ++i) {
            const QString g = QString::fromLatin1(git[i]);
            if (g == ours[i]) {
                ++a.agreeing;
            } else if (reported++ < 6) {
                a.problem(QStringLiteral("%1:%2 git %3, faultline %4").arg(path).arg(i + 1).arg(describe(g), describe(ours[i])));
            }
        }
    }
    // Nothing but text files may have spans (binaries, symlinks, submodules are opaque).
    const QSet<QString> text(files.text.cbegin(), files.text.cend());
    auto st = ws.db().prepare("SELECT path, sum(line_count) FROM line_spans WHERE repo_id = ?1 GROUP BY path");
    st.bind(1, repoId);
    int extra = 0;
    while (st.step()) {
        if (!text.contains(st.text(0)) && ++extra > files.undecodable) {
            a.total += st.int64(1);
            a.problem(QStringLiteral("%1: faultline stores %2 lines; git has no text file there").arg(st.text(0)).arg(st.int64(1)));
        }
    }
    return a;
}

// Lines blamed to a commit at HEAD are lines it added: never more than its added_lines.
QStringList addedLinesViolations(const QString& wsPath)
{
    return queryRows(wsPath,
        "SELECT c.sha, c.added_lines, sum(s.line_count) FROM line_spans s JOIN commits c ON c.id = s.origin_commit_id "
        "GROUP BY c.id HAVING sum(s.line_count) > c.added_lines");
}

// Everything an import stored, keyed by shas (ids differ between workspaces).
QStringList snapshot(const QString& wsPath)
{
    QStringList all;
    all << queryRows(wsPath, "SELECT 'commit', sha, added_lines, deleted_lines, is_merge FROM commits");
    all << queryRows(wsPath,
        "SELECT 'file', c.sha, f.path, coalesce(f.old_path, '-'), f.change, f.added, f.deleted, f.is_binary "
        "FROM commit_files f JOIN commits c ON c.id = f.commit_id");
    all << queryRows(wsPath,
        "SELECT 'churn', o.sha, r.sha, h.path, h.lines, h.age_ms FROM churn h JOIN commits o ON o.id = h.origin_commit_id "
        "JOIN commits r ON r.id = h.removing_commit_id");
    all << queryRows(wsPath,
        "SELECT 'span', s.path, s.first_line, s.line_count, c.sha FROM line_spans s JOIN commits c ON c.id = s.origin_commit_id");
    return all;
}

QStringList churnRows(const QString& wsPath)
{
    return queryRows(wsPath,
        "SELECT o.sha, r.sha, h.path, h.lines, h.age_ms FROM churn h JOIN commits o ON o.id = h.origin_commit_id "
        "JOIN commits r ON r.id = h.removing_commit_id");
}

QString churnRow(const QString& origin, const QString& removing, const char* path, int lines, qint64 ageMs)
{
    return QStringLiteral("%1 %2 %3 %4 %5").arg(origin, removing, q(path)).arg(lines).arg(ageMs);
}

// ---- Scenarios: each builds a history whose blame at HEAD must match git blame exactly. ----

void linearEdits(Scratch& r)
{
    r.write(QStringLiteral("src/a.c"), fn(1) + fn(2) + fn(3) + fn(4) + fn(5) + fn(6));
    r.write(QStringLiteral("README"), joined({ "Title", "", "Some text", "More text", "End" }));
    r.write(QStringLiteral("notes.txt"), numbered("note", 1, 30));
    r.commit(QStringLiteral("add a.c, README, notes"));
    // A function inserted between two others: its braces and blank line could align either way.
    r.write(QStringLiteral("src/a.c"), fn(1) + fn(2) + fn(3) + fn(7) + fn(4) + fn(5) + fn(6));
    r.write(QStringLiteral("README"), joined({ "Title", "", "Some changed text", "More text", "End" }));
    r.write(QStringLiteral("notes.txt"), numbered("note", 1, 10) + "inserted A\ninserted B\ninserted C\n" + numbered("note", 11, 30));
    r.commit(QStringLiteral("insert f7, edit README, insert notes"));
    r.write(QStringLiteral("src/a.c"), "// header\n" + fn(1) + fn(3) + fn(7) + fn(4) + fn(5, "return x * 5;") + fn(6));
    r.write(QStringLiteral("notes.txt"), numbered("note", 1, 10) + "inserted A\ninserted B\ninserted C\n" + numbered("note", 11, 19)
            + numbered("note", 26, 30));
    r.commit(QStringLiteral("delete f2, change f5, delete notes 20-25"));
    r.write(QStringLiteral("src/a.c"), "// header\n" + fn(1) + fn(3) + fn(7) + fn(4) + fn(5, "return x * 5;") + fn(6, "int y = x;\n    return y + 6;")
            + "\n\n");
    r.write(QStringLiteral("README"), joined({ "Title", "", "Some changed text", "More text", "End", "Appendix", "" }));
    r.write(QStringLiteral("notes.txt"), "first\nsecond\n" + numbered("note", 6, 10) + "inserted A\ninserted B\ninserted C\n"
            + numbered("note", 11, 19) + numbered("note", 26, 30));
    r.commit(QStringLiteral("rewrite f6, append to README, replace notes 1-5"));
    r.write(QStringLiteral("src/a.c"), fn(1) + fn(3) + fn(7) + fn(4) + fn(5, "return x * 5;") + fn(6, "int y = x;\n    return y + 6;") + fn(8));
    r.write(QStringLiteral("notes.txt"), "first\nsame\nsame\nsame\nsecond\n" + numbered("note", 6, 10) + "same\nsame\n" + numbered("note", 11, 19));
    r.commit(QStringLiteral("add f8, repeated lines in notes"));
    r.write(QStringLiteral("notes.txt"), "first\nsame\nsame\nsecond\n" + numbered("note", 6, 10) + "same\nsame\nsame\n" + numbered("note", 11, 19));
    r.commit(QStringLiteral("shuffle repeated lines"));
}

// git blame diffs with zero context lines, so git's xdi_diff() first drops the common tail in 1024-byte
// blocks (trim_common_tail in xdiff-interface.c). With only 9 records left, xdiff discards "{" as too
// common (4 matches >= its limit of 4) and git blames line 4 on the second commit, whereas a diff of
// the whole files keeps it from the first. Found on a generated history, reduced to this.
void commonTailTrimmed(Scratch& r)
{
    QByteArray tail; // exactly 1024 bytes
    for (int i = 0; i < 32; ++i)
        tail += QByteArray("tail line " + QByteArray::number(i).rightJustified(4, '0')).leftJustified(31, ' ') + '\n';
    r.write(QStringLiteral("f.c"), "{\n{\n{\n{\n" + tail);
    r.commit(QStringLiteral("four braces"));
    r.write(QStringLiteral("f.c"), "a\nb\nc\n{\nd\ne\nf\ng\n" + tail);
    r.commit(QStringLiteral("one brace among new lines"));
}

// Both sides change the same line: a conflict resolved by keeping both and adding a line.
void mergeWithConflict(Scratch& r)
{
    r.write(QStringLiteral("f.txt"), numbered("line", 1, 10));
    r.write(QStringLiteral("g.txt"), numbered("g", 1, 5));
    r.commit(QStringLiteral("base"));
    r.checkout("-b side");
    r.write(QStringLiteral("f.txt"), replaceLine(numbered("line", 1, 10), 5, "side 5"));
    r.write(QStringLiteral("g.txt"), replaceLine(numbered("g", 1, 5), 2, "side g2"));
    r.commit(QStringLiteral("side: line 5, g2"));
    r.checkout("main");
    r.write(QStringLiteral("f.txt"), replaceLine(replaceLine(numbered("line", 1, 10), 5, "main 5"), 1, "main 1"));
    r.commit(QStringLiteral("main: lines 1, 5"));
    if (r.merge(QStringLiteral("side"), QStringLiteral("merge side")))
        throw std::runtime_error("expected a conflict");
    r.write(QStringLiteral("f.txt"), "main 1\n" + numbered("line", 2, 4) + "main 5\nside 5\nresolved 5b\n" + numbered("line", 6, 10));
    r.concludeMerge(QStringLiteral("merge side (resolved)"));
}

void cleanMerge(Scratch& r)
{
    r.write(QStringLiteral("f.txt"), numbered("line", 1, 10));
    r.write(QStringLiteral("g.txt"), numbered("g", 1, 5));
    r.commit(QStringLiteral("base"));
    r.checkout("-b side");
    r.write(QStringLiteral("f.txt"), replaceLine(numbered("line", 1, 10), 3, "side 3"));
    r.commit(QStringLiteral("side 1"));
    r.write(QStringLiteral("h.txt"), numbered("h", 1, 3));
    r.commit(QStringLiteral("side 2"));
    r.checkout("main");
    r.merge(QStringLiteral("side"), QStringLiteral("merge side"));
}

void evilMerge(Scratch& r)
{
    r.write(QStringLiteral("f.txt"), numbered("line", 1, 10));
    r.write(QStringLiteral("g.txt"), numbered("g", 1, 5));
    r.commit(QStringLiteral("base"));
    r.checkout("-b side");
    r.write(QStringLiteral("f.txt"), replaceLine(numbered("line", 1, 10), 2, "side 2"));
    r.commit(QStringLiteral("side: line 2"));
    r.checkout("main");
    r.write(QStringLiteral("f.txt"), replaceLine(numbered("line", 1, 10), 8, "main 8"));
    r.commit(QStringLiteral("main: line 8"));
    if (!r.merge(QStringLiteral("side"), QStringLiteral("merge"), true))
        throw std::runtime_error("unexpected conflict");
    // Lines in neither parent: one in a file no side touched, one in a file both touched.
    r.write(QStringLiteral("g.txt"), numbered("g", 1, 5) + "evil g\n");
    r.write(QStringLiteral("f.txt"), replaceLine(replaceLine(replaceLine(numbered("line", 1, 10), 2, "side 2"), 8, "main 8"), 5, "evil 5"));
    r.concludeMerge(QStringLiteral("evil merge"));
}

void renames(Scratch& r)
{
    r.write(QStringLiteral("a.txt"), numbered("alpha line of text", 1, 20));
    r.write(QStringLiteral("b.txt"), numbered("beta line of text", 1, 12));
    r.commit(QStringLiteral("add a, b"));
    r.move(QStringLiteral("a.txt"), QStringLiteral("dir/a2.txt"));
    r.commit(QStringLiteral("exact rename a -> dir/a2"));
    r.write(QStringLiteral("dir/a2.txt"), replaceLine(r.read(QStringLiteral("dir/a2.txt")), 3, "alpha changed 3"));
    r.commit(QStringLiteral("edit a2"));
    r.move(QStringLiteral("b.txt"), QStringLiteral("c.txt"));
    r.move(QStringLiteral("dir/a2.txt"), QStringLiteral("a3.txt"));
    r.commit(QStringLiteral("two exact renames"));
}

void renameWithEdits(Scratch& r)
{
    r.write(QStringLiteral("r.txt"), numbered("alpha line of text", 1, 20));
    r.write(QStringLiteral("s.txt"), numbered("beta line of text", 1, 20));
    r.commit(QStringLiteral("add r, s"));
    // r: 3 of 20 lines edited (a similarity rename); s: 16 of 20 edited (not a rename).
    QByteArray rr = r.read(QStringLiteral("r.txt"));
    for (int l : { 2, 9, 15 })
        rr = replaceLine(rr, l, "alpha edited " + QByteArray::number(l));
    r.remove(QStringLiteral("r.txt"));
    r.write(QStringLiteral("sub/r2.txt"), rr);
    r.remove(QStringLiteral("s.txt"));
    r.write(QStringLiteral("s2.txt"), numbered("beta line of text", 1, 4) + numbered("gamma other words", 5, 20));
    r.commit(QStringLiteral("rename r with edits, rewrite s as s2"));
    r.write(QStringLiteral("sub/r2.txt"), replaceLine(r.read(QStringLiteral("sub/r2.txt")), 18, "alpha after rename"));
    r.commit(QStringLiteral("edit r2"));
}

// A file split into two in one commit: git blame follows the deleted file into both.
void fileSplitInTwo(Scratch& r)
{
    r.write(QStringLiteral("a.txt"), numbered("alpha line of the file", 1, 20));
    r.commit(QStringLiteral("add a"));
    const QByteArray a = r.read(QStringLiteral("a.txt"));
    r.remove(QStringLiteral("a.txt"));
    r.write(QStringLiteral("b.txt"), a);
    r.write(QStringLiteral("c.txt"), replaceLine(replaceLine(a, 3, "LINE 3"), 7, "LINE 7"));
    r.commit(QStringLiteral("split a into b and c"));
}

void deletedAndReadded(Scratch& r)
{
    r.write(QStringLiteral("d.txt"), numbered("d", 1, 5));
    r.write(QStringLiteral("keep.txt"), numbered("k", 1, 5));
    r.commit(QStringLiteral("add d, keep"));
    r.remove(QStringLiteral("d.txt"));
    r.commit(QStringLiteral("delete d"));
    r.write(QStringLiteral("d.txt"), numbered("d", 1, 5) + "d new\n");
    r.commit(QStringLiteral("re-add d"));
    r.write(QStringLiteral("keep.txt"), replaceLine(numbered("k", 1, 5), 2, "k two"));
    r.commit(QStringLiteral("edit keep"));
}

void crlf(Scratch& r)
{
    r.write(QStringLiteral("w.txt"), joined({ "one", "two", "three", "four" }, "\r\n"));
    r.write(QStringLiteral("mac.txt"), "a\rb\rc\nd\n");
    r.commit(QStringLiteral("crlf files"));
    r.write(QStringLiteral("w.txt"), joined({ "one", "TWO", "three", "four" }, "\r\n"));
    r.write(QStringLiteral("mac.txt"), "a\rB\rc\nd\n");
    r.commit(QStringLiteral("edit two"));
    r.write(QStringLiteral("w.txt"), "one\r\nTWO\r\nthree\nfour\r\nfive\r\n");
    r.commit(QStringLiteral("three loses its CR, five added"));
}

void noTrailingNewline(Scratch& r)
{
    r.write(QStringLiteral("n.txt"), "a\nb\nc");
    r.write(QStringLiteral("one.txt"), "only");
    r.commit(QStringLiteral("no final newline"));
    r.write(QStringLiteral("n.txt"), "a\nb\nc\nd");
    r.commit(QStringLiteral("append d"));
    r.write(QStringLiteral("n.txt"), "a\nb\nc\nd\n");
    r.write(QStringLiteral("one.txt"), "only\n\n");
    r.commit(QStringLiteral("final newlines"));
}

void emptyFile(Scratch& r)
{
    r.write(QStringLiteral("empty.txt"), {});
    r.write(QStringLiteral("e2.txt"), {});
    r.write(QStringLiteral("emptied.txt"), "x\ny\n");
    r.commit(QStringLiteral("empty files"));
    r.write(QStringLiteral("e2.txt"), "x\ny\n");
    r.write(QStringLiteral("emptied.txt"), {});
    r.commit(QStringLiteral("fill e2, empty emptied"));
}

void binaryFile(Scratch& r)
{
    r.write(QStringLiteral("bin.dat"), QByteArray("\x00\x01\x02\nabc\n\x00", 9));
    r.write(QStringLiteral("t2b.txt"), "text\nlines\n");
    r.write(QStringLiteral("b2t.dat"), QByteArray("\x00\xff\nzz\n", 6));
    r.write(QStringLiteral("plain.txt"), "plain\n");
    r.commit(QStringLiteral("binary files"));
    r.write(QStringLiteral("bin.dat"), QByteArray("\x00\x01\x03\nabc\ndef\n\x00", 13));
    r.write(QStringLiteral("t2b.txt"), QByteArray("text\0lines\n", 11));
    r.write(QStringLiteral("b2t.dat"), "now text\nreally\n");
    r.write(QStringLiteral("plain.txt"), "plain\nmore\n");
    r.commit(QStringLiteral("binary changes"));
}

void octopusMerge(Scratch& r)
{
    r.write(QStringLiteral("x.txt"), numbered("x", 1, 5));
    r.write(QStringLiteral("y.txt"), numbered("y", 1, 5));
    r.commit(QStringLiteral("base"));
    r.checkout("-b b1");
    r.write(QStringLiteral("x.txt"), replaceLine(numbered("x", 1, 5), 2, "b1 x2"));
    r.commit(QStringLiteral("b1"));
    r.checkout("-b b2 main");
    r.write(QStringLiteral("y.txt"), replaceLine(numbered("y", 1, 5), 4, "b2 y4"));
    r.commit(QStringLiteral("b2"));
    r.checkout("-b b3 main");
    r.write(QStringLiteral("z.txt"), numbered("z", 1, 3));
    r.commit(QStringLiteral("b3"));
    r.checkout("main");
    if (!r.merge(QStringLiteral("b1 b2 b3"), QStringLiteral("octopus")))
        throw std::runtime_error("octopus merge failed");
}

void twoMergesInARow(Scratch& r)
{
    r.write(QStringLiteral("f.txt"), numbered("line", 1, 12));
    r.commit(QStringLiteral("base"));
    r.checkout("-b s1");
    r.write(QStringLiteral("f.txt"), replaceLine(numbered("line", 1, 12), 2, "s1 2"));
    r.commit(QStringLiteral("s1"));
    r.checkout("-b s2 main");
    r.write(QStringLiteral("f.txt"), replaceLine(numbered("line", 1, 12), 11, "s2 11"));
    r.write(QStringLiteral("g.txt"), numbered("g", 1, 4));
    r.commit(QStringLiteral("s2"));
    r.checkout("main");
    r.write(QStringLiteral("f.txt"), replaceLine(numbered("line", 1, 12), 6, "main 6"));
    r.commit(QStringLiteral("main 6"));
    r.merge(QStringLiteral("s1"), QStringLiteral("merge s1"));
    r.merge(QStringLiteral("s2"), QStringLiteral("merge s2"));
}

// Both sides make the same change to line 1; the merge result equals the second parent's file, so every
// line (also line 1, identical in the first parent) belongs to the second parent's history.
void identicalToSecondParent(Scratch& r)
{
    r.write(QStringLiteral("f.txt"), numbered("line", 1, 8));
    r.commit(QStringLiteral("base"));
    r.checkout("-b side");
    r.write(QStringLiteral("f.txt"), replaceLine(numbered("line", 1, 8), 1, "changed 1") + "side 9\n");
    r.commit(QStringLiteral("side: line 1, add 9"));
    r.checkout("main");
    r.write(QStringLiteral("f.txt"), replaceLine(numbered("line", 1, 8), 1, "changed 1"));
    r.commit(QStringLiteral("main: line 1"));
    r.merge(QStringLiteral("side"), QStringLiteral("merge side"));
}

void renameOnSideBranch(Scratch& r)
{
    r.write(QStringLiteral("old.txt"), numbered("a line of the renamed file", 1, 12));
    r.commit(QStringLiteral("base"));
    r.checkout("-b side");
    r.remove(QStringLiteral("old.txt"));
    r.write(QStringLiteral("new/name.txt"), replaceLine(numbered("a line of the renamed file", 1, 12), 2, "side 2"));
    r.commit(QStringLiteral("side: rename with an edit"));
    r.checkout("main");
    r.write(QStringLiteral("old.txt"), replaceLine(numbered("a line of the renamed file", 1, 12), 10, "main 10"));
    r.commit(QStringLiteral("main: edit old"));
    if (!r.merge(QStringLiteral("side"), QStringLiteral("merge side")))
        throw std::runtime_error("rename merge conflicted");
}

void bothSidesDifferentPlaces(Scratch& r)
{
    r.write(QStringLiteral("f.txt"), numbered("line", 1, 12));
    r.commit(QStringLiteral("base"));
    r.checkout("-b side");
    r.write(QStringLiteral("f.txt"), replaceLine(numbered("line", 1, 12), 10, "side 10") + "side 13\n");
    r.commit(QStringLiteral("side: bottom"));
    r.checkout("main");
    r.write(QStringLiteral("f.txt"), "main 0\n" + replaceLine(numbered("line", 1, 12), 2, "main 2"));
    r.commit(QStringLiteral("main: top"));
    r.merge(QStringLiteral("side"), QStringLiteral("merge side"));
}

// The same line change on both sides, plus other changes: the first parent wins the common line.
void sameChangeBothSides(Scratch& r)
{
    r.write(QStringLiteral("f.txt"), numbered("line", 1, 10));
    r.commit(QStringLiteral("base"));
    r.checkout("-b side");
    r.write(QStringLiteral("f.txt"), replaceLine(replaceLine(numbered("line", 1, 10), 3, "same 3"), 9, "side 9"));
    r.commit(QStringLiteral("side: 3, 9"));
    r.checkout("main");
    r.write(QStringLiteral("f.txt"), replaceLine(replaceLine(numbered("line", 1, 10), 3, "same 3"), 1, "main 1"));
    r.commit(QStringLiteral("main: 1, 3"));
    r.merge(QStringLiteral("side"), QStringLiteral("merge side"));
}

} // namespace faultline::test
