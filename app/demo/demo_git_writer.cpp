#include "demo_git_writer.h"

#include "git/git_handles.h"

#include <QByteArray>
#include <QDir>

#include <git2/sys/mempack.h>

#include <map>
#include <memory>
#include <string>

namespace faultline::demo {

namespace git = importers::git;

namespace {

void check(int rc, const char* what)
{
    git::check(rc, std::string("demo repository: ") + what);
}

using git::GitDeleter;
using Index = std::unique_ptr<git_index, GitDeleter<git_index, git_index_free>>;
using Signature = std::unique_ptr<git_signature, GitDeleter<git_signature, git_signature_free>>;
using Odb = std::unique_ptr<git_odb, GitDeleter<git_odb, git_odb_free>>;
using Indexer = std::unique_ptr<git_indexer, GitDeleter<git_indexer, git_indexer_free>>;

// Each person's UTC offset in minutes: the same instants, written as their clocks show them.
int offsetOf(int person)
{
    static const int offsets[] = { 330, 120, 480, 60, 60, -240 };
    return offsets[person % 6];
}

Signature signature(const QString& name, const QString& email, std::int64_t ms, int offsetMinutes)
{
    git_signature* sig = nullptr;
    check(git_signature_new(&sig, name.toUtf8().constData(), email.toUtf8().constData(),
                            git_time_t(ms / 1000), offsetMinutes),
          "signature");
    return Signature(sig);
}

// Code-like text for line `k` written by commit `commit`: distinct lines, so that diffs and blame
// see each rewrite as the planner meant it.
QByteArray lineText(const QString& path, int commit, int k)
{
    static const char* const shapes[] = {
        "\tif err := %1(ctx, req); err != nil {",
        "\t\treturn fmt.Errorf(\"%1: %w\", err)",
        "\t}",
        "\ttotal += item.Price * %2",
        "\tlog.Debug(\"%1\", \"step\", %2)",
        "\tcfg.Limit = %2",
        "\tresult = append(result, %1(item))",
        "\t// %1 keeps the %2 most recent entries",
    };
    const int shape = (commit * 7 + k * 3) % 8;
    const QString name = QStringLiteral("%1Step%2_%3")
                             .arg(QDir(path).dirName().section(QLatin1Char('.'), 0, 0))
                             .arg(commit)
                             .arg(k);
    QString text = QString::fromLatin1(shapes[shape]);
    text.replace(QLatin1String("%1"), name).replace(QLatin1String("%2"), QString::number(commit * 100 + k));
    return text.toUtf8();
}

QString trailer(const Plan& plan, const Commit& c)
{
    const Person& p = plan.people[std::size_t(c.author)];
    switch (c.marker) {
    case AiMarker::ClaudeTrailer:
        return QStringLiteral("Co-Authored-By: Claude <noreply@anthropic.com>");
    case AiMarker::ClaudeModelTrailer:
        return QStringLiteral("Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>");
    case AiMarker::CopilotAgent:
        return QStringLiteral("Co-authored-by: %1 <%2+%3@users.noreply.github.com>")
            .arg(p.name)
            .arg(1000 + c.author)
            .arg(p.login);
    case AiMarker::CursorTrailer:
        return QStringLiteral("Co-authored-by: Cursor <cursoragent@cursor.com>");
    case AiMarker::AssistedBy:
        return QStringLiteral("Assisted-by: Claude:claude-sonnet-4-5");
    case AiMarker::None:
    case AiMarker::Aider:
    case AiMarker::GitAiNote:
        break;
    }
    return {};
}

QByteArray message(const Plan& plan, const Commit& c, const std::vector<QString>& shas)
{
    QString text = c.subject + QLatin1Char('\n');
    QString body = c.body;
    if (c.reverts >= 0)
        body = QStringLiteral("This reverts commit %1.").arg(shas[std::size_t(c.reverts)]);
    if (!body.isEmpty())
        text += QLatin1Char('\n') + body + QLatin1Char('\n');
    const QString t = trailer(plan, c);
    if (!t.isEmpty())
        text += QLatin1Char('\n') + t + QLatin1Char('\n');
    return text.toUtf8();
}

// A git-ai "authorship/3.0.0" note naming the lines the commit added as one AI session's.
QByteArray gitAiNote(const Plan& plan, const Commit& c, int index, const QString& sha)
{
    QString attestation;
    const QString session
        = QStringLiteral("s_%1").arg(QString::number(0x5e55000000000ULL + std::uint64_t(index), 16));
    const QString trace
        = QStringLiteral("t_%1").arg(QString::number(0x7ace000000000ULL + std::uint64_t(index), 16));
    for (const FileChange& change : c.changes) {
        if (change.addCount == 0)
            continue;
        attestation += change.path + QLatin1Char('\n');
        const int first = change.at + 1;
        const int last = change.at + change.addCount;
        attestation += QStringLiteral("  %1::%2 %3\n")
                           .arg(session, trace,
                                first == last ? QString::number(first)
                                              : QStringLiteral("%1-%2").arg(first).arg(last));
    }
    const Person& p = plan.people[std::size_t(c.author)];
    const QString metadata
        = QStringLiteral("{\n  \"schema_version\": \"authorship/3.0.0\",\n  \"git_ai_version\": \"1.5.6\",\n"
                         "  \"base_commit_sha\": \"%1\",\n  \"prompts\": {},\n  \"sessions\": {\n"
                         "    \"%2\": {\n      \"agent_id\": {\n        \"tool\": \"cursor\",\n"
                         "        \"id\": \"demo-session-%3\",\n        \"model\": \"claude-sonnet-4-5\"\n"
                         "      },\n      \"human_author\": \"%4 <%5>\"\n    }\n  }\n}\n")
              .arg(sha, session)
              .arg(index)
              .arg(p.name, p.email);
    return (attestation + QStringLiteral("---\n") + metadata).toUtf8();
}

} // namespace

std::vector<QString> writeGitRepository(const Plan& plan, const QString& dir)
{
    const git::GitLibrary library;

    git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    options.flags = GIT_REPOSITORY_INIT_MKPATH;
    options.initial_head = "main";
    git_repository* raw = nullptr;
    check(git_repository_init_ext(&raw, QDir::toNativeSeparators(dir).toUtf8().constData(), &options),
          "init");
    const git::RepositoryPtr repo(raw);
    // Objects go to memory and reach the disk as one pack at the end: written loose, 1,500 commits'
    // ten thousand small files took most of the demo's time.
    git_odb* rawOdb = nullptr;
    check(git_repository_odb(&rawOdb, repo.get()), "object database");
    const Odb odb(rawOdb);
    git_odb_backend* mempack = nullptr;
    check(git_mempack_new(&mempack), "memory pack");
    check(git_odb_add_backend(odb.get(), mempack, 1000), "memory pack backend");
    git_index* rawIndex = nullptr;
    check(git_repository_index(&rawIndex, repo.get()), "index");
    Index index(rawIndex);
    check(git_index_clear(index.get()), "index clear");

    std::map<QString, std::vector<QByteArray>> files;
    std::vector<QString> shas;
    shas.reserve(plan.commits.size());
    git_oid parent {};
    for (std::size_t n = 0; n < plan.commits.size(); ++n) {
        const Commit& c = plan.commits[n];
        for (const FileChange& change : c.changes) {
            std::vector<QByteArray>& lines = files[change.path];
            const int at = std::clamp(change.at, 0, int(lines.size()));
            const int removed = std::clamp(change.removeCount, 0, int(lines.size()) - at);
            lines.erase(lines.begin() + at, lines.begin() + at + removed);
            std::vector<QByteArray> added;
            for (int k = 0; k < change.addCount; ++k)
                added.push_back(lineText(change.path, int(n), k));
            lines.insert(lines.begin() + at, added.begin(), added.end());
            QByteArray content;
            for (const QByteArray& line : lines)
                content += line + '\n';
            git_index_entry entry {};
            const QByteArray path = change.path.toUtf8();
            entry.path = path.constData();
            entry.mode = GIT_FILEMODE_BLOB;
            check(git_index_add_from_buffer(index.get(), &entry, content.constData(),
                                            std::size_t(content.size())),
                  "add file");
        }
        git_oid treeId;
        check(git_index_write_tree(&treeId, index.get()), "write tree");
        git_tree* rawTree = nullptr;
        check(git_tree_lookup(&rawTree, repo.get(), &treeId), "tree lookup");
        const git::TreePtr tree(rawTree);

        const Person& person = plan.people[std::size_t(c.author)];
        QString authorName = person.name;
        QString authorEmail = person.email;
        QString committerName = person.name;
        QString committerEmail = person.email;
        if (c.marker == AiMarker::Aider) {
            authorName += QStringLiteral(" (aider)");
            committerName += QStringLiteral(" (aider)");
        } else if (c.marker == AiMarker::CopilotAgent) {
            authorName = QStringLiteral("Copilot");
            authorEmail = QStringLiteral("198982749+Copilot@users.noreply.github.com");
            committerName = QStringLiteral("GitHub");
            committerEmail = QStringLiteral("noreply@github.com");
        }
        const int offset = c.marker == AiMarker::CopilotAgent ? 0 : offsetOf(c.author);
        const Signature author = signature(authorName, authorEmail, c.authoredMs, offset);
        const Signature committer = signature(committerName, committerEmail, c.committedMs, offset);
        const QByteArray text = message(plan, c, shas);

        git_commit* rawParent = nullptr;
        if (n > 0)
            check(git_commit_lookup(&rawParent, repo.get(), &parent), "parent lookup");
        const git::CommitPtr parentCommit(rawParent);
        const git_commit* parents[] = { parentCommit.get() };
        git_oid id;
        check(git_commit_create(&id, repo.get(), nullptr, author.get(), committer.get(), nullptr,
                                text.constData(), tree.get(), n > 0 ? 1 : 0, parents),
              "commit");
        parent = id;
        shas.push_back(QString::fromStdString(git::oidHex(id)));

        if (c.marker == AiMarker::GitAiNote) {
            const QByteArray note = gitAiNote(plan, c, int(n), shas.back());
            git_oid noteId;
            check(git_note_create(&noteId, repo.get(), "refs/notes/ai", committer.get(), committer.get(), &id,
                                  note.constData(), 0),
                  "git-ai note");
        }
    }
    // The pack (through the indexer, which writes its .idx) and then the branch.
    git_buf pack = GIT_BUF_INIT;
    check(git_mempack_dump(&pack, repo.get(), mempack), "pack objects");
    git_indexer* rawIndexer = nullptr;
    const QByteArray packDir = QDir(QString::fromUtf8(git_repository_path(repo.get())))
                                   .filePath(QStringLiteral("objects/pack"))
                                   .toUtf8();
    const int created = git_indexer_new(&rawIndexer, packDir.constData(), 0, odb.get(), nullptr);
    const Indexer indexer(rawIndexer);
    git_indexer_progress stats {};
    const int appended
        = created < 0 ? created : git_indexer_append(indexer.get(), pack.ptr, pack.size, &stats);
    git_buf_dispose(&pack);
    check(appended, "write pack");
    check(git_indexer_commit(indexer.get(), &stats), "index pack");
    check(git_mempack_reset(mempack), "release memory pack");
    check(git_odb_refresh(odb.get()), "reload object database");
    git_reference* branch = nullptr;
    check(git_reference_create(&branch, repo.get(), "refs/heads/main", &parent, 1, "demo history"), "branch");
    git_reference_free(branch);
    check(git_index_write(index.get()), "write index");
    // The working tree matches HEAD, as after a clone.
    git_checkout_options checkout = GIT_CHECKOUT_OPTIONS_INIT;
    checkout.checkout_strategy = GIT_CHECKOUT_FORCE;
    check(git_checkout_head(repo.get(), &checkout), "checkout");
    return shas;
}

} // namespace faultline::demo
