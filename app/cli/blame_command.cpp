#include "command_line.h"
#include "git_commands.h"

#include "store/git_queries.h"
#include "store/store_error.h"
#include "store/workspace.h"

namespace faultline::cli {

int runBlame(const QStringList& args, QTextStream& out, QTextStream& err)
{
    CommandLine cl(QStringLiteral("blame"),
        QStringLiteral("Print the stored blame of a file at the imported HEAD: '<full sha> <line number>' per line."));
    QCommandLineParser& p = cl.parser();
    p.addPositionalArgument(QStringLiteral("path"), QStringLiteral("File path inside the repository."));
    cl.addWorkspaceOption();
    const QCommandLineOption repo(QStringLiteral("repo"),
        QStringLiteral("Repository name or location, when the workspace holds several."), QStringLiteral("name"));
    p.addOption(repo);
    if (auto code = cl.parse(args, out, err))
        return *code;
    if (p.positionalArguments().size() != 1)
        return cl.usageError(QStringLiteral("expected exactly one path"), err);

    const QString path = p.positionalArguments().front();
    try {
        auto ws = store::Workspace::openReadOnly(cl.workspace());
        const auto repos = store::repositories(ws.db());
        std::vector<store::RepositoryInfo> chosen;
        for (const auto& r : repos) {
            if (!p.isSet(repo) || r.name == p.value(repo) || r.location == p.value(repo))
                chosen.push_back(r);
        }
        if (chosen.empty()) {
            err << "faultline blame: " << cl.workspace()
                << (p.isSet(repo) ? QStringLiteral(" has no repository named %1").arg(p.value(repo))
                                  : QStringLiteral(" has no imported repository (run faultline import git first)"))
                << '\n';
            return Failure;
        }
        if (chosen.size() > 1) {
            QStringList names;
            for (const auto& r : chosen)
                names << r.name;
            err << "faultline blame: the workspace holds several repositories (" << names.join(QStringLiteral(", "))
                << "); choose one with --repo\n";
            return UsageError;
        }
        const auto spans = store::blameAtHead(ws.db(), chosen.front().id, path);
        if (spans.empty()) {
            err << "faultline blame: " << path << " is not a text file at the imported HEAD "
                << chosen.front().headSha.left(12) << " of " << chosen.front().name << '\n';
            return Failure;
        }
        for (const auto& s : spans) {
            for (std::uint32_t k = 0; k < s.lineCount; ++k)
                out << s.sha << ' ' << (s.firstLine + k) << '\n';
        }
        return Ok;
    } catch (const store::StoreError& e) {
        err << "faultline blame: " << e.what() << '\n';
        return Failure;
    }
}

} // namespace faultline::cli
