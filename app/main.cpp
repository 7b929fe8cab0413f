#include "cli/cli.h"
#include "gui/gui_main.h"

#include <QString>

int main(int argc, char** argv)
{
    if (faultline::cli::isCliInvocation(argc, argv)) {
        QString open;
        const int code = faultline::cli::run(argc, argv, &open);
        if (code != 0 || open.isEmpty())
            return code;
        return faultline::gui::runGui(argc, argv, open);
    }
    return faultline::gui::runGui(argc, argv, faultline::cli::workspaceArgument(argc, argv));
}
