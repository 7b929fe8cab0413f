#include "command_line.h"
#include "git_commands.h"

#include "common/timestamp_parser.h"
#include "git/ai_rules.h"
#include "store/git_queries.h"
#include "store/store_error.h"
#include "store/workspace.h"

namespace faultline::cli {

int runExplain(const QStringList& args, QTextStream& out, QTextStream& err)
{
    CommandLine cl(QStringLiteral("explain"),
        QStringLiteral("Explain why a commit is or is not AI-assisted: each rule that matches, the field and the text."));
    QCommandLineParser& p = cl.parser();
    p.addPositionalArgument(QStringLiteral("sha"), QStringLiteral("Commit id (a unique prefix is enough)."));
    cl.addWorkspaceOption();
    const QCommandLineOption rulesOption(QStringLiteral("rules"),
        QStringLiteral("Also apply this JSON rules file, as import git --rules does."), QStringLiteral("file"));
    p.addOption(rulesOption);
    if (auto code = cl.parse(args, out, err))
        return *code;
    if (p.positionalArguments().size() != 1)
        return cl.usageError(QStringLiteral("expected exactly one commit id"), err);
    const QString prefix = p.positionalArguments().front();
    if (prefix.size() < 4 || prefix.size() > 40
        || !std::all_of(prefix.begin(), prefix.end(), [](QChar c) { return std::isxdigit(c.toLatin1()); }))
        return cl.usageError(QStringLiteral("'%1' is not a commit id (4 to 40 hex digits)").arg(prefix), err);

    try {
        auto ws = store::Workspace::openReadOnly(cl.workspace());
        const auto found = store::findCommits(ws.db(), prefix);
        if (found.empty()) {
            err << "faultline explain: no commit " << prefix << " in " << cl.workspace() << '\n';
            return Failure;
        }
        if (found.size() > 1) {
            err << "faultline explain: " << prefix << " is ambiguous (" << found[0].sha.left(12) << ", "
                << found[1].sha.left(12) << ", …); give more digits\n";
            return Failure;
        }
        const store::StoredCommit& c = found.front();
        auto rules = importers::git::AiRuleSet::defaults();
        if (p.isSet(rulesOption))
            rules.overrideWith(importers::git::AiRuleSet::fromFile(p.value(rulesOption)));
        const auto facts = importers::git::factsFromMessage(c.authorName, c.authorEmail, c.committerName, c.committerEmail, c.message);
        const auto matches = rules.explain(facts);

        out << "commit " << c.sha << '\n'
            << "author    " << c.authorName << " <" << c.authorEmail << ">\n"
            << "committer " << c.committerName << " <" << c.committerEmail << ">\n"
            << "subject   " << c.subject << "\n\n";
        if (c.aiTool) {
            out << "AI-assisted: yes, " << *c.aiTool << " (rule " << c.aiRule.value_or(QString()) << " on "
                << c.aiField.value_or(QString()) << ": \"" << c.aiEvidence.value_or(QString()) << "\")\n";
        } else {
            out << "AI-assisted: no — none of the " << rules.size() << " rules matched when it was imported\n";
        }
        out << "AI share of its " << c.addedLines << " added lines: " << QString::number(c.aiShare, 'f', 2) << " ("
            << c.aiLines << " lines)\n\n";
        if (matches.empty()) {
            out << "Rules matching now: none of " << rules.size() << '\n';
        } else {
            out << "Rules matching now, strongest first:\n";
            for (const auto& m : matches)
                out << "  " << m.ruleId.leftJustified(5) << ' ' << m.tool.leftJustified(16) << ' ' << m.field.leftJustified(10)
                    << " \"" << m.matchedText << "\"\n";
        }
        return Ok;
    } catch (const store::StoreError& e) {
        err << "faultline explain: " << e.what() << '\n';
        return Failure;
    } catch (const importers::ValueError& e) {
        err << "faultline explain: " << e.what() << '\n';
        return Failure;
    }
}

} // namespace faultline::cli
