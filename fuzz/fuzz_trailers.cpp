// Commit messages (importers/git/ai_rules.h): the trailer block through libgit2's
// git_message_trailers(), branches from merge subjects, and the built-in AI-marker rules on the
// result. The input is the raw message (any bytes: invalid UTF-8, NULs, huge bodies).
#include "fuzz_support.h"
#include "git/ai_rules.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace faultline::importers::git;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const AiRuleSet rules = AiRuleSet::defaults();
    const QByteArray message = faultline::fuzz::bytes(data, size);
    const std::vector<Trailer> trailers = parseTrailers(message);
    for (const Trailer& trailer : trailers)
        if (trailer.key.isEmpty())
            std::abort(); // a trailer is a `Key: value` line
    const CommitFacts facts
        = factsFromMessage(QStringLiteral("Ada"), QStringLiteral("ada@example.com"), QStringLiteral("Ada"),
                           QStringLiteral("ada@example.com"), message);
    const auto first = rules.classify(facts);
    const auto all = rules.explain(facts);
    if (first.has_value() != !all.empty() || (first && !(*first == all.front())))
        std::abort();
    return 0;
}
