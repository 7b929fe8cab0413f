#pragma once

#include <cstdint>
#include <functional>

namespace faultline::importers {

// Called by importers as work advances; total is 0 when unknown. Returning false cancels the import
// (the importer throws ImportCancelled and the batch rolls back). May be called from a worker thread.
using ProgressCallback = std::function<bool(std::int64_t done, std::int64_t total)>;

} // namespace faultline::importers
