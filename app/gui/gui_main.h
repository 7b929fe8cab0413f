#pragma once

#include <QString>

namespace faultline::gui {

// Runs the desktop application: creates the QApplication (so no QCoreApplication may exist yet),
// shows the main window, opens workspaceToOpen when it is not empty (a bad file is reported in the
// window, not on stderr) and returns QApplication::exec()'s exit code.
int runGui(int& argc, char** argv, const QString& workspaceToOpen);

// Makes the compiled-in resources (":/faultline/…") available. Idempotent; widgets that use an icon
// call it, so a test that builds a MainWindow without runGui gets the icons too.
void initResources();

} // namespace faultline::gui
