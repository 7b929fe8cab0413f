#include "cli/cli.h"
#include "gui/gui_main.h"

int main(int argc, char** argv)
{
    if (faultline::cli::isCliInvocation(argc, argv))
        return faultline::cli::run(argc, argv);
    return faultline::gui::runGui(argc, argv, faultline::cli::workspaceArgument(argc, argv));
}
