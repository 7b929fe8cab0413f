// The one timestamp parser (importers/common/timestamp_parser.h). Besides not crashing, a value it
// accepts must survive formatUtc() and parse back to the same instant, and lie in its stated range.
#include "common/timestamp_parser.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using faultline::importers::TimestampParser;

namespace {

void checkAccepted(const TimestampParser& parser, std::int64_t epochMs)
{
    // 1970-01-01 (minus a day of zone offset) to 2200-01-01 (plus one): kMinYear..kMaxYear.
    constexpr std::int64_t kDayMs = 86'400'000;
    constexpr std::int64_t kYear2200Ms = 7'258'118'400'000;
    if (epochMs < -kDayMs || epochMs > kYear2200Ms + kDayMs)
        std::abort();
    const auto again = parser.parse(faultline::importers::formatUtc(epochMs));
    if (!again || *again != epochMs)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const TimestampParser utc;
    // A zone with daylight saving time, for naive values (gaps and folds).
    static const TimestampParser berlin(QTimeZone("Europe/Berlin"));
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const TimestampParser* parser : { &utc, &berlin }) {
        if (const auto ms = parser->parse(text))
            checkAccepted(*parser, *ms);
        if (const auto ms = parser->parse(QString::fromUtf8(text.data(), qsizetype(text.size()))))
            checkAccepted(*parser, *ms);
    }
    if (const auto ms = faultline::importers::parseSecondsToMs(text); ms && *ms < 0)
        std::abort(); // documented: negative durations are refused
    return 0;
}
