#pragma once

#include <QStringList>

#include <memory>

class QWidget;

namespace faultline::gui {

class View;

// The views that exist so far, in sidebar order, by key ("overview", …). The rest of issue 7's
// views arrive with their slices; nothing lists a view that cannot be shown.
QStringList availableViewKeys();
// nullptr for a key that is not available.
std::unique_ptr<View> createView(const QString& key, QWidget* parent = nullptr);

} // namespace faultline::gui
