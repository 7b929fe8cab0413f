// git-ai notes (importers/git/git_ai_notes.h): the authorship log of refs/notes/ai and the legacy
// JSON blob, told apart by parseAnyGitAiNote(). ValueError is the expected outcome of a bad note.
// A note that parses must hold line sets as LineSet promises them: sorted, disjoint, non-touching,
// 1-based ranges whose count() agrees with their sum.
#include "common/timestamp_parser.h"
#include "fuzz_support.h"
#include "git/git_ai_notes.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace faultline::importers;
using namespace faultline::importers::git;

namespace {

void checkLineSet(const LineSet& set)
{
    std::int64_t count = 0;
    int previousLast = -1;
    for (const LineSet::Range& range : set.ranges()) {
        // Sorted, disjoint, not touching, 1-based.
        if (range.first < 1 || range.last < range.first
            || (previousLast >= 0 && range.first <= previousLast + 1))
            std::abort();
        previousLast = range.last;
        count += std::int64_t(range.last) - range.first + 1;
    }
    if (count != set.count())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString sha = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    try {
        const GitAiNote note = parseAnyGitAiNote(faultline::fuzz::bytes(data, size), sha);
        for (const GitAiFile& file : note.files) {
            checkLineSet(file.aiLines);
            checkLineSet(file.humanLines);
            for (const auto& [tool, lines] : file.aiLinesByTool)
                checkLineSet(lines);
            note.aiLineCount(file.path);
            file.tools();
        }
        note.aiLineCount();
        note.tools();
    } catch (const ValueError&) { }
    return 0;
}
