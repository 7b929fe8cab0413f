#pragma once

#include <cstdint>
#include <functional>

namespace faultline::importers {

// Called by importers as work advances; total is 0 when unknown. Returning false cancels the import
// (the importer throws ImportCancelled and the batch rolls back). May be called from a worker thread.
using ProgressCallback = std::function<bool(std::int64_t done, std::int64_t total)>;

} // namespace faultline::importers

namespace faultline::importers {

// The callback for a step that follows an import's main work (linking): it reports the main work as
// complete (`total` of `total`) so the display does not jump back, and still lets the user cancel.
inline ProgressCallback completedAt(ProgressCallback progress, std::int64_t total)
{
    if (!progress)
        return {};
    return [progress = std::move(progress), total](std::int64_t, std::int64_t) { return progress(total, total); };
}

} // namespace faultline::importers
