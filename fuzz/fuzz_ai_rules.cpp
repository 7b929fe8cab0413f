// The AI-marker rules (importers/git/ai_rules*). Two modes, told apart by the first byte:
//  - '{': a user rules file for AiRuleSet::fromJson(); a set that loads is merged over the built-in
//    rules and run against a few commits. ValueError is the expected outcome of a bad file.
//  - anything else: `<pattern>\n<text>` for the literal prefilter, whose contract is that it only
//    skips rules that cannot match: when the pattern (compiled as the rules compile it) matches the
//    text, the Aho-Corasick scan must find one of the pattern's required literals in it.
#include "common/timestamp_parser.h"
#include "fuzz_support.h"
#include "git/ai_rules.h"
#include "git/ai_rules_prefilter.h"

#include <QRegularExpression>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace faultline::importers;
using namespace faultline::importers::git;

namespace {

const std::vector<CommitFacts>& sampleCommits()
{
    static const std::vector<CommitFacts> commits {
        factsFromMessage(QStringLiteral("Ada"), QStringLiteral("ada@example.com"), QStringLiteral("GitHub"),
                         QStringLiteral("noreply@github.com"),
                         "Fix the parser\n\nBody text.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"),
        factsFromMessage(QStringLiteral("copilot-swe-agent[bot]"),
                         QStringLiteral("198982749+Copilot@users.noreply.github.com"), QStringLiteral("Ada"),
                         QStringLiteral("ada@example.com"),
                         "Merge pull request #12 from octo/cursor/fix-login\n\n> Co-authored-by: quoted\n",
                         { QStringLiteral("codex/feature") }),
    };
    return commits;
}

void runRules(const QByteArray& json)
{
    try {
        const AiRuleSet user = AiRuleSet::fromJson(json, QStringLiteral("rules.json"));
        AiRuleSet merged = AiRuleSet::defaults();
        merged.overrideWith(user);
        for (const AiRuleSet* set : { &user, static_cast<const AiRuleSet*>(&merged) })
            for (const CommitFacts& facts : sampleCommits()) {
                const auto first = set->classify(facts);
                const auto all = set->explain(facts);
                // classify() is the first hit of explain(), in the same precedence.
                if (first.has_value() != !all.empty() || (first && !(*first == all.front())))
                    std::abort();
            }
    } catch (const ValueError&) { }
}

void checkPrefilter(const QByteArray& input)
{
    const qsizetype newline = input.indexOf('\n');
    if (newline < 0)
        return;
    const QString pattern = QString::fromUtf8(input.left(newline));
    const QString text = QString::fromUtf8(input.mid(newline + 1));
    const QRegularExpression re(
        pattern, QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    if (!re.isValid())
        return;
    const auto literals = detail::requiredLiterals(pattern);
    if (!literals || literals->isEmpty())
        return;
    detail::LiteralMatcher matcher;
    for (const QString& literal : *literals)
        if (!matcher.add(literal))
            return; // too many to filter on: the rule always runs
    matcher.build();
    const auto match = re.match(text);
    if (match.hasMatch() && matcher.scan(text) == 0)
        std::abort(); // the prefilter would skip a rule that matches
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = faultline::fuzz::bytes(data, size);
    if (input.startsWith('{'))
        runRules(input);
    else
        checkPrefilter(input);
    return 0;
}
