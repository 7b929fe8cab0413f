#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QDockWidget;
class QFrame;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QMenu;
class QProgressDialog;
class QStackedWidget;
class QToolButton;

namespace faultline::store {
class Workspace;
}

namespace faultline::exporting {
struct ReportOptions;
}

namespace faultline::gui {

class BackgroundJob;
class ImportController;
class ImportLogModel;
class ImportProgressWidget;
class MessageBar;
class ReportPage;
struct ImportOutcome;
struct ViewData;
class Settings;
class StartPage;
class WorkspacePage;

// The main window only wires things together: sidebar, pages, menus, status bar and the open
// workspace. Each page is its own class; settings go through Settings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // settings is not owned and must outlive the window; nullptr makes the window use (and own)
    // the user's settings.
    explicit MainWindow(Settings* settings = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Open / create a workspace file and show it. On failure the error is shown in the message bar,
    // the previous state (start page, or the workspace that was open) is kept, and false is returned.
    bool openWorkspace(const QString& path);
    bool createWorkspace(const QString& path);
    void closeWorkspace();

    bool hasWorkspace() const { return m_workspace != nullptr; }
    QString workspacePath() const;

    // Reports an error in the message bar (never a modal dialog).
    void showError(const QString& message);

    ReportPage* reportPage() const { return m_reportPage; }
    // Selects a metric view by its sidebar number (1 = Overview … 6 = Changes); false when that view
    // is not available (no workspace, or it has not arrived yet).
    bool selectView(int number);
    // Presentation mode (F5): full screen, chrome hidden, high-contrast theme, larger type, one view
    // per slide; Left/Right move between views, Esc leaves.
    void setPresentationMode(bool on);
    bool isPresenting() const { return m_presenting; }

    // File ▸ Import… and drag-and-drop: imports files (format detected from content) or git
    // repository folders into the open workspace on a worker thread, with progress and Cancel in the
    // status bar. False when no workspace is open or another import runs.
    bool importPaths(const QStringList& paths);
    ImportController* importController() const { return m_importController; }
    ImportLogModel* importLog() const { return m_importLog; }
    ImportProgressWidget* importProgress() const { return m_importProgress; }

Q_SIGNALS:
    void workspaceOpened(const QString& path);
    void workspaceClosed();
    // File ▸ Export report… ended: the PDF was written, or it was not (cancelled, failed).
    void reportExportFinished(bool written);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildCentre();
    void buildImportLog();
    void restoreWindowState();
    void saveWindowState();

    void newWorkspaceInteractively();
    void openWorkspaceInteractively();
    bool adopt(std::unique_ptr<store::Workspace> workspace);
    void rebuildRecentMenu();
    void refreshRecentWorkspaces();
    void updateChrome();
    void showSidebarItem(QListWidgetItem* item);
    void showAbout();
    void applyCurrentTheme();
    void stepView(int delta);
    void importInteractively();
    void importFinished(const ImportOutcome& outcome);
    void exportReportInteractively();
    void writeReportFile(const QString& path, const std::shared_ptr<const ViewData>& data,
                         const exporting::ReportOptions& options);
    void abandonReportExport();

    Settings* m_settings = nullptr;
    std::unique_ptr<Settings> m_ownedSettings;
    std::unique_ptr<store::Workspace> m_workspace;

    MessageBar* m_messageBar = nullptr;
    QListWidget* m_sidebar = nullptr;
    QStackedWidget* m_stack = nullptr;
    StartPage* m_startPage = nullptr;
    WorkspacePage* m_workspacePage = nullptr;
    ReportPage* m_reportPage = nullptr;
    QFrame* m_divider = nullptr;
    bool m_presenting = false;
    Qt::WindowStates m_statesBeforePresenting;
    QList<QAction*> m_viewActions; // Ctrl+1…6
    QList<QAction*> m_presentationOnly; // Left, Right, Esc
    QAction* m_presentAction = nullptr;
    QAction* m_anonymiseAction = nullptr;
    QLabel* m_statusPath = nullptr;
    QLabel* m_statusSchema = nullptr;

    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QMenu* m_recentMenu = nullptr;

    QAction* m_importAction = nullptr;
    QAction* m_exportReportAction = nullptr;
    BackgroundJob* m_reportFactsJob = nullptr; // the report's data-source counts, off this thread
    QPointer<QProgressDialog> m_reportFactsProgress;
    ImportController* m_importController = nullptr;
    ImportLogModel* m_importLog = nullptr;
    ImportProgressWidget* m_importProgress = nullptr;
    QDockWidget* m_importDock = nullptr;
};

} // namespace faultline::gui
