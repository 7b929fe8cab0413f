#pragma once

#include <functional>
#include <memory>

namespace faultline::gui {

// Runs `release` on a pool thread when called on the GUI thread, else right away. A period's result
// holds tens of thousands of rows; freeing them takes long enough to stall the window.
void releaseOffGuiThread(std::function<void()> release);

// Shares `value` among views and models; whoever lets go of it last on the GUI thread has it freed
// on a pool thread.
template <typename T> std::shared_ptr<const T> shareResult(T value)
{
    return std::shared_ptr<const T>(new T(std::move(value)),
                                    [](const T* owned) { releaseOffGuiThread([owned] { delete owned; }); });
}

} // namespace faultline::gui
