#include "common/timestamp_parser.h"
#include "git/git_ai_notes.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <git2.h>

using faultline::importers::ValueError;
using faultline::importers::git::GitAiNote;
using faultline::importers::git::GitAiNoteFormat;
using faultline::importers::git::GitAiNotesReader;
using faultline::importers::git::LineSet;
using faultline::importers::git::parseAnyGitAiNote;

namespace {

const QString kSha = QStringLiteral("3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f01");

// Metadata as git-ai writes it (AI_MARKERS.md §2.2), with made-up ids: a Claude session, a Cursor
// legacy prompt, a Codex 7-hex prompt and one known human.
QByteArray metadata(const QString& sha = kSha)
{
    return QStringLiteral(R"({
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.5.6",
  "base_commit_sha": "%1",
  "prompts": {
    "9c2e51d07a4b8f36": {
      "agent_id": { "tool": "cursor", "id": "c0ffee00-1111-4222-8333-444455556666", "model": "gpt-5" },
      "human_author": "Ada Lovelace <ada@example.com>",
      "total_additions": 12, "total_deletions": 1, "accepted_lines": 10, "overriden_lines": 2
    },
    "e41b0c7": {
      "agent_id": { "tool": "codex", "id": "rollout-2026-01-02", "model": "gpt-5-codex" },
      "total_additions": 3, "total_deletions": 0, "accepted_lines": 3, "overriden_lines": 0
    }
  },
  "sessions": {
    "s_7a3f09c2b1d4e8": {
      "agent_id": { "tool": "claude", "id": "5d1e7c9a-aaaa-4bbb-8ccc-0123456789ab", "model": "claude-sonnet-4-6" },
      "human_author": "Ada Lovelace <ada@example.com>"
    }
  },
  "humans": {
    "h_2b8d4f6a0c1e3f": { "author": "Ada Lovelace <ada@example.com>" }
  }
})")
        .arg(sha)
        .toUtf8();
}

QByteArray note(const char* attestations, const QString& sha = kSha)
{
    return QByteArray(attestations) + "---\n" + metadata(sha);
}

QList<int> toList(const LineSet& set)
{
    const std::vector<int> lines = set.lines();
    return QList<int>(lines.begin(), lines.end());
}

QList<int> range(int first, int last)
{
    QList<int> out;
    for (int i = first; i <= last; ++i)
        out.append(i);
    return out;
}

} // namespace

class TestGitAiNotes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void lineSet();
    void parses_data();
    void parses();
    void noteWithoutAttestations();
    void laterEntryWins();
    void malformed_data();
    void malformed();
    void readsNotesFromRepository();
    void repositoryWithoutNotes();
    void malformedNoteInRepository();

private:
    // Runs git in `dir` with a hermetic configuration; false (and a warning) when it fails.
    bool git(const QString& dir, const QStringList& args, QString* out = nullptr);

    QString m_gitExecutable;
};

void TestGitAiNotes::initTestCase()
{
    git_libgit2_init();
    m_gitExecutable = QStandardPaths::findExecutable(QStringLiteral("git"));
}

void TestGitAiNotes::cleanupTestCase()
{
    git_libgit2_shutdown();
}

void TestGitAiNotes::lineSet()
{
    LineSet s;
    s.add(9, 10);
    s.add(1, 4);
    s.add(12, 12);
    s.add(3, 6); // overlaps and touches nothing beyond 6
    s.add(11, 11); // bridges 9-10 and 12
    QCOMPARE(s.ranges(), (std::vector<LineSet::Range> { { 1, 6 }, { 9, 12 } }));
    QCOMPARE(s.count(), 10);
    QVERIFY(s.contains(1) && s.contains(6) && s.contains(11));
    QVERIFY(!s.contains(7) && !s.contains(13) && !s.contains(0));

    LineSet cut;
    cut.add(2, 3);
    cut.add(6, 10);
    s.subtract(cut);
    QCOMPARE(s.ranges(), (std::vector<LineSet::Range> { { 1, 1 }, { 4, 5 }, { 11, 12 } }));

    LineSet huge;
    huge.add(1, 50'000'000); // one range, never expanded unless asked
    QCOMPARE(huge.count(), 50'000'000);
    QCOMPARE(huge.ranges().size(), size_t(1));
}

void TestGitAiNotes::parses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QList<int>>("aiLines");
    QTest::addColumn<QList<int>>("humanLines");
    QTest::addColumn<QStringList>("tools");

    const QList<int> oneToFourNineToTenTwelve { 1, 2, 3, 4, 9, 10, 12 };
    QTest::addRow("sorted ranges") << note("src/app.cpp\n  s_7a3f09c2b1d4e8::t_0d5c3e1f7a9b2c 1-4,9-10,12\n")
                                   << QStringLiteral("src/app.cpp") << oneToFourNineToTenTwelve
                                   << QList<int> {} << QStringList { QStringLiteral("claude") };
    QTest::addRow("unsorted ranges") << note(
        "src/app.cpp\n  s_7a3f09c2b1d4e8::t_0d5c3e1f7a9b2c 12,9-10,1-4\n")
                                     << QStringLiteral("src/app.cpp") << oneToFourNineToTenTwelve
                                     << QList<int> {} << QStringList { QStringLiteral("claude") };
    QTest::addRow("overlapping ranges deduplicated")
        << note("src/app.cpp\n  s_7a3f09c2b1d4e8::t_0d5c3e1f7a9b2c 3-6,1-4,5,6-8,4\n")
        << QStringLiteral("src/app.cpp") << range(1, 8) << QList<int> {}
        << QStringList { QStringLiteral("claude") };
    QTest::addRow("quoted path with a space")
        << note("\"docs/user guide.md\"\n  9c2e51d07a4b8f36 2-3\nsrc/other.cpp\n  9c2e51d07a4b8f36 1\n")
        << QStringLiteral("docs/user guide.md") << QList<int> { 2, 3 } << QList<int> {}
        << QStringList { QStringLiteral("cursor") };
    QTest::addRow("mixed keys: session, legacy prompt, 7-hex prompt, human")
        << note("src/mixed.rs\n"
                "  s_7a3f09c2b1d4e8::t_11aa22bb33cc44 1-3\n"
                "  9c2e51d07a4b8f36 10-12\n"
                "  e41b0c7 20\n"
                "  h_2b8d4f6a0c1e3f 30-34\n")
        << QStringLiteral("src/mixed.rs") << (range(1, 3) + range(10, 12) + QList<int> { 20 })
        << range(30, 34)
        << QStringList { QStringLiteral("claude"), QStringLiteral("codex"), QStringLiteral("cursor") };
    QTest::addRow("human key excluded from AI lines")
        << note("src/h.rs\n  h_2b8d4f6a0c1e3f 1-5\n  s_7a3f09c2b1d4e8::t_11aa22bb33cc44 7\n")
        << QStringLiteral("src/h.rs") << QList<int> { 7 } << range(1, 5)
        << QStringList { QStringLiteral("claude") };
    QTest::addRow("session missing from metadata is AI of an unknown tool")
        << note("src/s.rs\n  s_00000000000000::t_11aa22bb33cc44 4\n") << QStringLiteral("src/s.rs")
        << QList<int> { 4 } << QList<int> {} << QStringList { QStringLiteral("unknown") };
    QTest::addRow("prompt recorded in another note")
        << note("src/p.rs\n  0123456789abcdef 2\n") << QStringLiteral("src/p.rs") << QList<int> { 2 }
        << QList<int> {} << QStringList { QStringLiteral("unknown") };
    QTest::addRow("blank lines and CRLF")
        << QByteArray("src/app.cpp\r\n  s_7a3f09c2b1d4e8::t_0d5c3e1f7a9b2c 5-6\r\n\r\n---\r\n") + metadata()
        << QStringLiteral("src/app.cpp") << QList<int> { 5, 6 } << QList<int> {}
        << QStringList { QStringLiteral("claude") };
    QTest::addRow("file listed twice is merged")
        << note("a.txt\n  e41b0c7 1\nb.txt\n  e41b0c7 1\na.txt\n  e41b0c7 3\n") << QStringLiteral("a.txt")
        << QList<int> { 1, 3 } << QList<int> {} << QStringList { QStringLiteral("codex") };
    QTest::addRow("legacy JSON") << QByteArray(
        R"({"files":{"src/lib.rs":{"file":"src/lib.rs","authors":[)"
        R"({"author":"Claude","lines":[22,[30,32],31],"agent_metadata":null},)"
        R"({"author":"Grace Hopper","lines":[[1,3]],"agent_metadata":null}]},)"
        R"("README.md":{"file":"README.md","authors":[{"author":"Cursor","lines":[2],"agent_metadata":null}]}},)"
        R"("schema_version":"authorship/0.0.1"})")
                                 << QStringLiteral("src/lib.rs") << QList<int> { 22, 30, 31, 32 }
                                 << range(1, 3) << QStringList { QStringLiteral("claude") };
    QTest::addRow("legacy JSON with agent_metadata")
        << QByteArray(R"({"schema_version":"authorship/0.0.1","files":{"x.py":{"file":"x.py","authors":[)"
                      R"({"author":"some-agent","lines":[[4,5]],"agent_metadata":{"tool":"windsurf"}}]}}})")
        << QStringLiteral("x.py") << QList<int> { 4, 5 } << QList<int> {}
        << QStringList { QStringLiteral("windsurf") };
}

void TestGitAiNotes::parses()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, path);
    QFETCH(QList<int>, aiLines);
    QFETCH(QList<int>, humanLines);
    QFETCH(QStringList, tools);

    const GitAiNote n = parseAnyGitAiNote(text, kSha);
    QCOMPARE(n.commitSha, kSha);
    const auto* file = n.file(path);
    QVERIFY(file);
    QCOMPARE(toList(file->aiLines), aiLines);
    QCOMPARE(toList(file->humanLines), humanLines);
    QCOMPARE(file->tools(), tools);
    QCOMPARE(n.aiLineCount(path), aiLines.size());
    for (int line : humanLines)
        QVERIFY(!file->aiLines.contains(line));
    if (n.format == GitAiNoteFormat::AuthorshipLog) {
        QCOMPARE(n.schemaVersion, QStringLiteral("authorship/3.0.0"));
        QCOMPARE(n.baseCommitSha, kSha);
        QCOMPARE(n.gitAiVersion, QStringLiteral("1.5.6"));
    } else {
        QCOMPARE(n.schemaVersion, QStringLiteral("authorship/0.0.1"));
    }
}

void TestGitAiNotes::noteWithoutAttestations()
{
    const GitAiNote n = parseAnyGitAiNote("---\n" + metadata(), kSha);
    QVERIFY(n.files.empty());
    QCOMPARE(n.aiLineCount(), 0);
    QCOMPARE(n.aiLineCount(QStringLiteral("src/app.cpp")), 0);
    QVERIFY(n.tools().isEmpty());
    QCOMPARE(n.baseCommitSha, kSha);
}

void TestGitAiNotes::laterEntryWins()
{
    // Overlapping entries of different tools and a human: the later entry takes the lines, as in
    // git-ai's blame, so per-tool counts add up to the AI total.
    const GitAiNote n = parseAnyGitAiNote(note("src/x.rs\n"
                                               "  9c2e51d07a4b8f36 1-10\n"
                                               "  s_7a3f09c2b1d4e8::t_11aa22bb33cc44 5-6\n"
                                               "  h_2b8d4f6a0c1e3f 9-12\n"),
                                          kSha);
    const auto* file = n.file(QStringLiteral("src/x.rs"));
    QVERIFY(file);
    QCOMPARE(toList(file->aiLinesByTool.at(QStringLiteral("cursor"))), (range(1, 4) + range(7, 8)));
    QCOMPARE(toList(file->aiLinesByTool.at(QStringLiteral("claude"))), range(5, 6));
    QCOMPARE(toList(file->aiLines), range(1, 8));
    QCOMPARE(toList(file->humanLines), range(9, 12));
    QCOMPARE(n.aiLineCount(), 8);
    QCOMPARE(n.tools(), (QStringList { QStringLiteral("claude"), QStringLiteral("cursor") }));
}

void TestGitAiNotes::malformed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected"); // what follows "note on <sha>"

    const QString entryShape = QStringLiteral(", line 2: expected \"  <key> <ranges>\"");
    QTest::addRow("bad indentation: one space")
        << note("src/a.cpp\n s_7a3f09c2b1d4e8::t_0d5c3e1f7a9b2c 1-2\n") << entryShape;
    QTest::addRow("bad indentation: four spaces") << note("src/a.cpp\n    e41b0c7 1-2\n") << entryShape;
    QTest::addRow("bad indentation: tab") << note("src/a.cpp\n\te41b0c7 1-2\n") << entryShape;
    QTest::addRow("entry without ranges") << note("src/a.cpp\n  e41b0c7\n") << entryShape;
    QTest::addRow("space inside the ranges") << note("src/a.cpp\n  e41b0c7 1, 2\n") << entryShape;
    QTest::addRow("bad range 4-2")
        << note("src/a.cpp\n  e41b0c7 1,4-2\n")
        << QStringLiteral(", line 2: bad line range \"4-2\" (the range ends before it starts)");
    QTest::addRow("bad range a-b") << note("src/a.cpp\n  e41b0c7 a-b\n")
                                   << QStringLiteral(", line 2: bad line range \"a-b\"");
    QTest::addRow("line zero") << note("src/a.cpp\n  e41b0c7 0-3\n")
                               << QStringLiteral(", line 2: bad line range \"0-3\"");
    QTest::addRow("line number too large") << note("src/a.cpp\n  e41b0c7 1-99999999999\n")
                                           << QStringLiteral(", line 2: bad line range \"1-99999999999\"");
    QTest::addRow("entry before any path")
        << note("  e41b0c7 1\n") << QStringLiteral(", line 1: entry before any file path");
    QTest::addRow("unterminated quoted path") << note("\"docs/user guide.md\n  e41b0c7 1\n")
                                              << QStringLiteral(", line 1: unterminated quoted path");
    QTest::addRow("missing ---") << QByteArray(
        "src/a.cpp\n  e41b0c7 1\n{\"schema_version\": \"authorship/3.0.0\"}\n")
                                 << QStringLiteral(", line 4: missing the \"---\" line");
    QTest::addRow("metadata not JSON")
        << QByteArray("src/a.cpp\n  e41b0c7 1\n---\n{\n  \"schema_version\": authorship\n}\n")
        << QStringLiteral(", line 5: metadata is not valid JSON: ");
    QTest::addRow("metadata not an object")
        << QByteArray("---\n[1, 2]\n") << QStringLiteral(", line 2: metadata must be a JSON object");
    QTest::addRow("metadata without prompts")
        << QByteArray("---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"abc\"}\n")
        << QStringLiteral(", line 2: metadata: \"prompts\" must be an object");
    QTest::addRow("unknown schema")
        << QByteArray("---\n{\"schema_version\": \"trace/1\", \"base_commit_sha\": \"a\", \"prompts\": {}}\n")
        << QStringLiteral(", line 2: metadata: unknown schema_version \"trace/1\"");
    QTest::addRow("unknown key prefix referencing no metadata")
        << note("src/a.cpp\n  e41b0c7 1\n  x_51d07a4b8f36 2-3\n")
        << QStringLiteral(", line 3: unknown key \"x_51d07a4b8f36\"");
    QTest::addRow("malformed session key")
        << note("src/a.cpp\n  s_7a3f09c2b1d4e8::q_1 1\n")
        << QStringLiteral(", line 2: malformed session key \"s_7a3f09c2b1d4e8::q_1\"");
    QTest::addRow("legacy JSON: bad line item") << QByteArray(
        R"({"schema_version":"authorship/0.0.1","files":{"src/a.rs":{"authors":[{"author":"Claude","lines":[1,"two"]}]}}})")
                                                << QStringLiteral(" (refs/ai/authorship): "
                                                                  "files[\"src/a.rs\"].authors[0].lines[1]: "
                                                                  "expected a line number or [first, last]");
    QTest::addRow("legacy JSON: reversed range") << QByteArray(
        R"({"schema_version":"authorship/0.0.1","files":{"src/a.rs":{"authors":[{"author":"Claude","lines":[[9,3]]}]}}})")
                                                 << QStringLiteral(" (refs/ai/authorship): "
                                                                   "files[\"src/a.rs\"].authors[0].lines[0]: "
                                                                   "the range ends before it starts");
    QTest::addRow("legacy JSON: not JSON")
        << QByteArray("{\"files\": {\n") << QStringLiteral(" (refs/ai/authorship): line 2: not valid JSON: ");
}

void TestGitAiNotes::malformed()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    try {
        parseAnyGitAiNote(text, kSha);
        QFAIL("expected ValueError");
    } catch (const ValueError& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.startsWith(QLatin1String("note on ") % kSha % expected), qPrintable(message));
    }
}

bool TestGitAiNotes::git(const QString& dir, const QStringList& args, QString* out)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The developer's own git configuration must not leak into the scratch repository.
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_CONFIG_GLOBAL"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("GIT_AUTHOR_DATE"), QStringLiteral("2026-01-02T03:04:05Z"));
    env.insert(QStringLiteral("GIT_COMMITTER_DATE"), QStringLiteral("2026-01-02T03:04:05Z"));
    process.setProcessEnvironment(env);
    process.start(m_gitExecutable, args);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        qWarning("git %s failed: %s", qPrintable(args.join(QLatin1Char(' '))),
                 process.readAllStandardError().constData());
        return false;
    }
    if (out)
        *out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    return true;
}

namespace {

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

git_oid oidOf(const QString& sha)
{
    git_oid oid;
    git_oid_fromstr(&oid, sha.toLatin1().constData());
    return oid;
}

} // namespace

void TestGitAiNotes::readsNotesFromRepository()
{
    if (m_gitExecutable.isEmpty())
        QSKIP("git CLI not found");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString repo = dir.path();
    const QStringList ada { QStringLiteral("-c"), QStringLiteral("user.name=Ada Lovelace"),
                            QStringLiteral("-c"), QStringLiteral("user.email=ada@example.com") };
    QVERIFY(
        git(repo,
            { QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main") }));

    QByteArray app;
    for (int i = 1; i <= 12; ++i)
        app += "int line" + QByteArray::number(i) + " = " + QByteArray::number(i) + ";\n";
    QVERIFY(writeFile(repo + QStringLiteral("/src/app.cpp"), app));
    QVERIFY(writeFile(repo + QStringLiteral("/docs/user guide.md"), "# Guide\n\nStep one\nStep two\n"));
    QVERIFY(git(repo, { QStringLiteral("add"), QStringLiteral(".") }));
    QVERIFY(git(repo,
                ada
                    + QStringList { QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                                    QStringLiteral("Add app") }));
    QString first;
    QVERIFY(git(repo, { QStringLiteral("rev-parse"), QStringLiteral("HEAD") }, &first));
    QCOMPARE(first.size(), 40);

    QVERIFY(writeFile(repo + QStringLiteral("/src/lib.rs"), "fn a() {}\nfn b() {}\nfn c() {}\n"));
    QVERIFY(git(repo, { QStringLiteral("add"), QStringLiteral(".") }));
    QVERIFY(git(repo,
                ada
                    + QStringList { QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                                    QStringLiteral("Add lib") }));
    QString second;
    QVERIFY(git(repo, { QStringLiteral("rev-parse"), QStringLiteral("HEAD") }, &second));

    QVERIFY(git(repo,
                ada
                    + QStringList { QStringLiteral("commit"), QStringLiteral("-q"),
                                    QStringLiteral("--allow-empty"), QStringLiteral("-m"),
                                    QStringLiteral("Empty") }));
    QString third;
    QVERIFY(git(repo, { QStringLiteral("rev-parse"), QStringLiteral("HEAD") }, &third));

    // A refs/notes/ai note on the first commit, a legacy ref on the second, nothing on the third.
    const QByteArray firstNote = note("src/app.cpp\n"
                                      "  s_7a3f09c2b1d4e8::t_0d5c3e1f7a9b2c 12,1-4,9-10\n"
                                      "  h_2b8d4f6a0c1e3f 5-6\n"
                                      "\"docs/user guide.md\"\n"
                                      "  9c2e51d07a4b8f36 3-4\n",
                                      first);
    QVERIFY(
        git(repo,
            ada
                + QStringList { QStringLiteral("notes"), QStringLiteral("--ref=ai"), QStringLiteral("add"),
                                QStringLiteral("-m"), QString::fromUtf8(firstNote), first }));
    QVERIFY(writeFile(
        repo + QStringLiteral("/legacy.json"),
        R"({"files":{"src/lib.rs":{"file":"src/lib.rs","authors":[{"author":"Claude","lines":[[2,3]],"agent_metadata":null}]}},"schema_version":"authorship/0.0.1"})"));
    QString blob;
    QVERIFY(git(repo, { QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("legacy.json") },
                &blob));
    QCOMPARE(blob.size(), 40);
    QVERIFY(
        git(repo, { QStringLiteral("update-ref"), QStringLiteral("refs/ai/authorship/") + second, blob }));

    git_repository* handle = nullptr;
    QCOMPARE(git_repository_open(&handle, QFile::encodeName(repo).constData()), 0);
    const std::unique_ptr<git_repository, decltype(&git_repository_free)> owner(handle, &git_repository_free);
    const GitAiNotesReader reader(handle);
    QVERIFY(reader.hasAnyNotes());

    const std::optional<GitAiNote> n1 = reader.noteFor(oidOf(first));
    QVERIFY(n1);
    QCOMPARE(n1->format, GitAiNoteFormat::AuthorshipLog);
    QCOMPARE(n1->commitSha, first);
    QCOMPARE(n1->baseCommitSha, first);
    QCOMPARE(n1->aiLineCount(QStringLiteral("src/app.cpp")), 7);
    QCOMPARE(toList(n1->file(QStringLiteral("src/app.cpp"))->humanLines), (QList<int> { 5, 6 }));
    QCOMPARE(n1->aiLineCount(QStringLiteral("docs/user guide.md")), 2);
    QCOMPARE(n1->tools(), (QStringList { QStringLiteral("claude"), QStringLiteral("cursor") }));

    const std::optional<GitAiNote> n2 = reader.noteFor(oidOf(second));
    QVERIFY(n2);
    QCOMPARE(n2->format, GitAiNoteFormat::LegacyJson);
    QCOMPARE(toList(n2->file(QStringLiteral("src/lib.rs"))->aiLines), (QList<int> { 2, 3 }));
    QCOMPARE(n2->tools(), QStringList { QStringLiteral("claude") });

    QVERIFY(!reader.noteFor(oidOf(third)));
}

void TestGitAiNotes::repositoryWithoutNotes()
{
    if (m_gitExecutable.isEmpty())
        QSKIP("git CLI not found");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(git(dir.path(), { QStringLiteral("init"), QStringLiteral("-q") }));
    QVERIFY(
        git(dir.path(),
            { QStringLiteral("-c"), QStringLiteral("user.name=Bob"), QStringLiteral("-c"),
              QStringLiteral("user.email=bob@example.com"), QStringLiteral("commit"), QStringLiteral("-q"),
              QStringLiteral("--allow-empty"), QStringLiteral("-m"), QStringLiteral("Root") }));
    QString head;
    QVERIFY(git(dir.path(), { QStringLiteral("rev-parse"), QStringLiteral("HEAD") }, &head));

    git_repository* handle = nullptr;
    QCOMPARE(git_repository_open(&handle, QFile::encodeName(dir.path()).constData()), 0);
    const std::unique_ptr<git_repository, decltype(&git_repository_free)> owner(handle, &git_repository_free);
    const GitAiNotesReader reader(handle);
    QVERIFY(!reader.hasAnyNotes());
    QVERIFY(!reader.noteFor(oidOf(head)));
}

void TestGitAiNotes::malformedNoteInRepository()
{
    if (m_gitExecutable.isEmpty())
        QSKIP("git CLI not found");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList bob { QStringLiteral("-c"), QStringLiteral("user.name=Bob"), QStringLiteral("-c"),
                            QStringLiteral("user.email=bob@example.com") };
    QVERIFY(git(dir.path(), { QStringLiteral("init"), QStringLiteral("-q") }));
    QVERIFY(git(dir.path(),
                bob
                    + QStringList { QStringLiteral("commit"), QStringLiteral("-q"),
                                    QStringLiteral("--allow-empty"), QStringLiteral("-m"),
                                    QStringLiteral("Root") }));
    QString head;
    QVERIFY(git(dir.path(), { QStringLiteral("rev-parse"), QStringLiteral("HEAD") }, &head));
    QVERIFY(git(dir.path(),
                bob
                    + QStringList { QStringLiteral("notes"), QStringLiteral("--ref=ai"),
                                    QStringLiteral("add"), QStringLiteral("-m"),
                                    QStringLiteral("src/a.cpp\n  e41b0c7 4-2\n---\n{}"), head }));

    git_repository* handle = nullptr;
    QCOMPARE(git_repository_open(&handle, QFile::encodeName(dir.path()).constData()), 0);
    const std::unique_ptr<git_repository, decltype(&git_repository_free)> owner(handle, &git_repository_free);
    const GitAiNotesReader reader(handle);
    try {
        reader.noteFor(oidOf(head));
        QFAIL("expected ValueError");
    } catch (const ValueError& e) {
        QCOMPARE(QString::fromUtf8(e.what()),
                 QLatin1String("note on ") % head
                     % QLatin1String(", line 2: bad line range \"4-2\" (the range ends before it starts)"));
    }
}

QTEST_GUILESS_MAIN(TestGitAiNotes)
#include "tst_git_ai_notes.moc"
