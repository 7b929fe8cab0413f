#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <memory>

namespace faultline::cli {

// `faultline snapshot`: renders a view to PNG exactly as the window paints it (the same widget,
// laid out off-screen), for the README, reports and for looking at a change without a display.
int runSnapshot(const QStringList& args, QTextStream& out, QTextStream& err);

// The application object a subcommand runs under: snapshot paints widgets, so it needs a
// QApplication (on the offscreen platform: no display required, identical output everywhere); every
// other command keeps the lighter QCoreApplication.
std::unique_ptr<QCoreApplication> makeCommandApplication(int& argc, char** argv);

} // namespace faultline::cli
