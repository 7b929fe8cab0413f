#pragma once

#include <stdexcept>
#include <string>

namespace faultline::store {

// Thrown by the store layer. The message is complete and user-facing: it names the workspace file
// and says what went wrong, so callers report it once without adding context.
class StoreError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace faultline::store
