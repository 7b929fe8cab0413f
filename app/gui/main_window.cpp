#include "main_window.h"

#include "background_job.h"
#include "export_menus.h"
#include "gui_main.h"
#include "import_controller.h"
#include "import_history_model.h"
#include "import_progress_widget.h"
#include "message_bar.h"
#include "report_page.h"
#include "settings.h"
#include "start_page.h"
#include "store/store_error.h"
#include "store/workspace.h"
#include "theme.h"
#include "views/changes_view.h"
#include "views/view_factory.h"
#include "workspace_page.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace faultline::gui {

namespace {

Q_LOGGING_CATEGORY(lcGui, "faultline.gui")

// Sidebar entries: the views arrive with their issues; until then they are listed (so the shape of
// the app is visible) but cannot be chosen.
enum class SidebarEntry
{
    Workspace,
    Overview,
    Pipeline,
    LeadTime,
    Rework,
    Incidents,
    Changes
};
constexpr int kViewRole = Qt::UserRole;

// The key a sidebar view has in availableViewKeys() and `faultline snapshot --view`.
QString viewKey(SidebarEntry view)
{
    switch (view) {
    case SidebarEntry::Overview:
        return QStringLiteral("overview");
    case SidebarEntry::Pipeline:
        return QStringLiteral("pipeline");
    case SidebarEntry::LeadTime:
        return QStringLiteral("leadtime");
    case SidebarEntry::Rework:
        return QStringLiteral("rework");
    case SidebarEntry::Incidents:
        return QStringLiteral("incidents");
    case SidebarEntry::Changes:
        return QStringLiteral("changes");
    case SidebarEntry::Workspace:
        break;
    }
    return {};
}

QString fileFilter()
{
    return QObject::tr("Faultline workspaces (*.%1)").arg(QLatin1String(store::Workspace::kFileSuffix))
        + QStringLiteral(";;") + QObject::tr("All files (*)");
}

QString withWorkspaceSuffix(const QString& path)
{
    const QString suffix = QLatin1String(store::Workspace::kFileSuffix);
    if (QFileInfo(path).suffix().compare(suffix, Qt::CaseInsensitive) == 0)
        return path;
    return path + QLatin1Char('.') + suffix;
}

// Menu texts treat '&' as a mnemonic marker; a path may contain one.
QString escapeMnemonic(QString text)
{
    return text.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

} // namespace

MainWindow::MainWindow(Settings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
{
    if (!m_settings) {
        m_ownedSettings = std::make_unique<Settings>();
        m_settings = m_ownedSettings.get();
    }
    initResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/faultline/icons/faultline.svg")));

    buildActions();
    buildImportLog();
    buildMenus();
    buildCentre();

    m_statusPath = new QLabel(this);
    m_statusPath->setObjectName(QStringLiteral("statusPath"));
    m_statusPath->setTextFormat(Qt::PlainText);
    // A long path must not dictate the window's minimum width; the full path is in the tooltip.
    m_statusPath->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_statusPath->setContentsMargins(6, 0, 6, 0);
    statusBar()->addWidget(m_statusPath, 1);
    m_statusSchema = new QLabel(this);
    m_statusSchema->setObjectName(QStringLiteral("statusSchema"));
    m_statusSchema->setContentsMargins(6, 0, 6, 0);
    statusBar()->addPermanentWidget(m_statusSchema);
    m_importProgress = new ImportProgressWidget(this);
    statusBar()->addPermanentWidget(m_importProgress);
    m_importController = new ImportController(this);
    connect(m_importController, &ImportController::started, m_importProgress, &ImportProgressWidget::begin);
    connect(m_importController, &ImportController::progressChanged, m_importProgress,
            &ImportProgressWidget::setProgress);
    connect(m_importController, &ImportController::finished, this, &MainWindow::importFinished);
    m_reportFactsJob = new BackgroundJob(this);
    connect(m_reportFactsJob, &BackgroundJob::failed, this, [this](quint64, const QString& message) {
        abandonReportExport();
        showError(tr("Cannot export the report: %1").arg(message));
    });
    connect(m_importProgress, &ImportProgressWidget::cancelRequested, m_importController,
            &ImportController::cancel);
    setAcceptDrops(true);

    connect(m_settings, &Settings::recentWorkspacesChanged, this, &MainWindow::refreshRecentWorkspaces);
    connect(m_settings, &Settings::themeChoiceChanged, this, &MainWindow::applyCurrentTheme);
    applyCurrentTheme();
    refreshRecentWorkspaces();
    restoreWindowState();
    updateChrome();
}

MainWindow::~MainWindow()
{
    // The worker writes through its own connection; let it roll back before the window goes.
    m_importController->cancel();
    m_importController->waitForFinished();
}

void MainWindow::buildActions()
{
    m_newAction = new QAction(tr("&New workspace…"), this);
    m_newAction->setObjectName(QStringLiteral("newWorkspaceAction"));
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_newAction->setStatusTip(tr("Create an empty workspace file"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newWorkspaceInteractively);

    m_openAction = new QAction(tr("&Open workspace…"), this);
    m_openAction->setObjectName(QStringLiteral("openWorkspaceAction"));
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_openAction->setStatusTip(tr("Open an existing workspace file"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openWorkspaceInteractively);

    m_closeAction = new QAction(tr("&Close workspace"), this);
    m_closeAction->setObjectName(QStringLiteral("closeWorkspaceAction"));
    m_closeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(m_closeAction, &QAction::triggered, this, &MainWindow::closeWorkspace);

    m_importAction = new QAction(tr("&Import…"), this);
    m_importAction->setObjectName(QStringLiteral("importAction"));
    m_importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_importAction->setStatusTip(
        tr("Import git repositories, CI runs, deployments, incidents or pull requests "
           "(the format is detected; files can also be dropped on the window)"));
    connect(m_importAction, &QAction::triggered, this, &MainWindow::importInteractively);

    m_exportReportAction = new QAction(tr("Export &report (PDF)…"), this);
    m_exportReportAction->setObjectName(QStringLiteral("exportReportAction"));
    m_exportReportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_exportReportAction->setStatusTip(
        tr("Save a multi-page A4 retro report of what the views show, with the current filters"));
    connect(m_exportReportAction, &QAction::triggered, this, &MainWindow::exportReportInteractively);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    // Ctrl+1…6: the sidebar's views in order (the Workspace page has no number).
    const QStringList viewNames { tr("&Overview"), tr("&Pipeline"),  tr("&Lead time"),
                                  tr("&Rework"),   tr("&Incidents"), tr("&Changes") };
    for (int number = 1; number <= 6; ++number) {
        auto* action = new QAction(viewNames.at(number - 1), this);
        action->setObjectName(QStringLiteral("viewAction%1").arg(number));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number)));
        connect(action, &QAction::triggered, this, [this, number] { selectView(number); });
        m_viewActions << action;
        addAction(action);
    }

    m_presentAction = new QAction(tr("&Presentation mode"), this);
    m_presentAction->setObjectName(QStringLiteral("presentAction"));
    m_presentAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_presentAction->setStatusTip(tr("Full screen, larger type, high contrast; arrows move between views"));
    connect(m_presentAction, &QAction::triggered, this, [this] { setPresentationMode(!m_presenting); });
    addAction(m_presentAction);
    const struct
    {
        const char* name;
        Qt::Key key;
    } presentationKeys[] = { { "previousSlideAction", Qt::Key_Left },
                             { "nextSlideAction", Qt::Key_Right },
                             { "leavePresentationAction", Qt::Key_Escape } };
    for (const auto& entry : presentationKeys) {
        auto* action = new QAction(this);
        action->setObjectName(QLatin1String(entry.name));
        action->setShortcut(QKeySequence(entry.key));
        action->setEnabled(false); // arrows and Esc belong to the widgets outside presentation mode
        addAction(action);
        m_presentationOnly << action;
        connect(action, &QAction::triggered, this, [this, key = entry.key] {
            if (key == Qt::Key_Escape)
                setPresentationMode(false);
            else
                stepView(key == Qt::Key_Left ? -1 : 1);
        });
    }

    m_anonymiseAction = new QAction(tr("&Anonymise people"), this);
    m_anonymiseAction->setObjectName(QStringLiteral("anonymiseAction"));
    m_anonymiseAction->setCheckable(true);
    m_anonymiseAction->setChecked(m_settings->anonymisePeople());
    m_anonymiseAction->setStatusTip(tr("Show stable aliases (Person 1, …) instead of names, for sharing"));
    connect(m_anonymiseAction, &QAction::toggled, m_settings, &Settings::setAnonymisePeople);
    connect(m_settings, &Settings::anonymisePeopleChanged, m_anonymiseAction, &QAction::setChecked);

    m_aboutAction = new QAction(tr("&About Faultline"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    m_recentMenu->setToolTipsVisible(true);
    // Rebuilt on show as well: a recent file may have vanished since the list last changed.
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    file->addAction(m_importAction);
    file->addAction(m_exportReportAction);
    file->addSeparator();
    file->addAction(m_closeAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    // The shortcut actions live on the window so that they work with the menu bar hidden (presentation
    // mode); one action in both places would register its shortcut twice and make it ambiguous. The
    // menu shows entries that trigger them, with the key after the tab.
    const auto addMirror = [view](QAction* action) {
        QAction* mirror = view->addAction(action->text() + QLatin1Char('\t')
                                          + action->shortcut().toString(QKeySequence::NativeText));
        mirror->setEnabled(action->isEnabled());
        connect(mirror, &QAction::triggered, action, &QAction::trigger);
        connect(action, &QAction::enabledChanged, mirror, &QAction::setEnabled);
    };
    for (QAction* action : std::as_const(m_viewActions))
        addMirror(action);
    view->addSeparator();
    addMirror(m_presentAction);
    view->addAction(m_anonymiseAction);
    view->addAction(m_importDock->toggleViewAction());
    QMenu* theme = view->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(theme);
    const struct
    {
        ThemeChoice choice;
        QString label;
    } choices[] = { { ThemeChoice::System, tr("Follow the &system") },
                    { ThemeChoice::Light, tr("&Light") },
                    { ThemeChoice::Dark, tr("&Dark") } };
    for (const auto& entry : choices) {
        QAction* action = theme->addAction(entry.label);
        action->setObjectName(QStringLiteral("themeAction_") + themeChoiceKey(entry.choice));
        action->setCheckable(true);
        action->setChecked(m_settings->themeChoice() == entry.choice);
        themes->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, choice = entry.choice] { m_settings->setThemeChoice(choice); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

void MainWindow::buildCentre()
{
    auto* centre = new QWidget(this);
    auto* layout = new QVBoxLayout(centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_messageBar = new MessageBar(centre);
    layout->addWidget(m_messageBar);

    auto* body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    layout->addLayout(body, 1);

    m_sidebar = new QListWidget(centre);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setFixedWidth(180);
    m_sidebar->setSpacing(2);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setBackgroundRole(QPalette::Window);
    m_sidebar->viewport()->setBackgroundRole(QPalette::Window);
    m_sidebar->setAutoFillBackground(true);
    m_sidebar->setFocusPolicy(Qt::StrongFocus);
    // Room around the entries so they do not touch the window edge or each other's highlight.
    m_sidebar->setStyleSheet(QStringLiteral("#sidebar { padding: 8px 6px; outline: 0; }"
                                            "#sidebar::item { padding: 0px 10px; border-radius: 4px; }"
                                            "#sidebar::item:selected { background: palette(highlight);"
                                            " color: palette(highlighted-text); }"));
    const struct
    {
        SidebarEntry view;
        QString label;
    } entries[] = {
        { SidebarEntry::Workspace, tr("Workspace") }, { SidebarEntry::Overview, tr("Overview") },
        { SidebarEntry::Pipeline, tr("Pipeline") },   { SidebarEntry::LeadTime, tr("Lead time") },
        { SidebarEntry::Rework, tr("Rework") },       { SidebarEntry::Incidents, tr("Incidents") },
        { SidebarEntry::Changes, tr("Changes") },
    };
    for (const auto& entry : entries) {
        auto* item = new QListWidgetItem(entry.label, m_sidebar);
        item->setData(kViewRole, int(entry.view));
        item->setSizeHint(QSize(0, m_sidebar->fontMetrics().height() + 16));
        if (entry.view != SidebarEntry::Workspace) {
            item->setFlags(Qt::NoItemFlags);
            const int number = int(entry.view);
            item->setToolTip(availableViewKeys().contains(viewKey(entry.view))
                                 ? tr("Open or create a workspace first (Ctrl+%1)").arg(number)
                                 : tr("Arrives with its issue; import data first"));
        }
    }
    body->addWidget(m_sidebar);

    m_divider = new QFrame(centre);
    m_divider->setFrameShape(QFrame::VLine);
    m_divider->setFrameShadow(QFrame::Sunken);
    body->addWidget(m_divider);

    m_stack = new QStackedWidget(centre);
    m_stack->setObjectName(QStringLiteral("pages"));
    m_startPage = new StartPage(m_stack);
    m_workspacePage = new WorkspacePage(m_stack);
    m_stack->addWidget(m_startPage);
    m_stack->addWidget(m_workspacePage);
    m_reportPage = new ReportPage(m_settings, m_stack);
    m_stack->addWidget(m_reportPage);
    body->addWidget(m_stack, 1);

    setCentralWidget(centre);

    connect(m_startPage, &StartPage::newRequested, this, &MainWindow::newWorkspaceInteractively);
    connect(m_startPage, &StartPage::openRequested, this, &MainWindow::openWorkspaceInteractively);
    // Queued: opening rebuilds the recent list, which must not happen inside the list's own signal.
    connect(m_startPage, &StartPage::openRecentRequested, this, &MainWindow::openWorkspace,
            Qt::QueuedConnection);
    connect(m_workspacePage, &WorkspacePage::errorOccurred, this, &MainWindow::showError);
    connect(m_reportPage, &ReportPage::errorOccurred, this, &MainWindow::showError);
    connect(m_reportPage, &ReportPage::exported, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    // The import log and the import history are tables too: Export ▸ CSV from their context menus.
    if (auto* log = m_importDock->findChild<QTableView*>(QStringLiteral("importLogTable")))
        m_reportPage->exportMenus()->installTable(log, QStringLiteral("import-log"));
    if (auto* history = m_workspacePage->findChild<QTableView*>(QStringLiteral("importHistoryTable")))
        m_reportPage->exportMenus()->installTable(history, QStringLiteral("imports"));
    for (View* view : m_reportPage->views()) {
        if (auto* changes = qobject_cast<ChangesView*>(view)) {
            changes->setAnonymise(m_settings->anonymisePeople());
            connect(m_settings, &Settings::anonymisePeopleChanged, changes, &ChangesView::setAnonymise);
            connect(changes, &ChangesView::errorOccurred, this, &MainWindow::showError);
        }
    }
    connect(m_sidebar, &QListWidget::currentItemChanged, this, &MainWindow::showSidebarItem);
}

void MainWindow::showSidebarItem(QListWidgetItem* item)
{
    if (!item || !m_workspace)
        return;
    const SidebarEntry view = SidebarEntry(item->data(kViewRole).toInt());
    if (view == SidebarEntry::Workspace) {
        m_stack->setCurrentWidget(m_workspacePage);
        return;
    }
    const int index = int(availableViewKeys().indexOf(viewKey(view)));
    if (index < 0)
        return;
    m_reportPage->showView(index);
    m_stack->setCurrentWidget(m_reportPage);
}

void MainWindow::restoreWindowState()
{
    const QByteArray geometry = m_settings->mainWindowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: a comfortable size, never larger than the screen.
        QSize size(1280, 800);
        if (const QScreen* screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize() * 0.9);
        resize(size);
    }
    restoreState(m_settings->mainWindowState());
}

void MainWindow::saveWindowState()
{
    m_settings->setMainWindowGeometry(saveGeometry());
    m_settings->setMainWindowState(saveState());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

QString MainWindow::workspacePath() const
{
    return m_workspace ? m_workspace->path() : QString();
}

void MainWindow::showError(const QString& message)
{
    qCWarning(lcGui).noquote() << message;
    m_messageBar->showError(message);
}

bool MainWindow::openWorkspace(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    try {
        return adopt(std::make_unique<store::Workspace>(store::Workspace::open(absolute)));
    } catch (const store::StoreError& e) {
        showError(QString::fromStdString(e.what()));
    }
    return false;
}

bool MainWindow::createWorkspace(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    try {
        return adopt(std::make_unique<store::Workspace>(store::Workspace::create(absolute)));
    } catch (const store::StoreError& e) {
        showError(QString::fromStdString(e.what()));
    }
    return false;
}

bool MainWindow::adopt(std::unique_ptr<store::Workspace> workspace)
{
    try {
        m_workspacePage->setWorkspace(workspace.get());
    } catch (const store::StoreError& e) {
        // The new file could not be read: put the page back on what is still open.
        try {
            m_workspacePage->setWorkspace(m_workspace.get());
        } catch (const store::StoreError&) {
            m_workspacePage->setWorkspace(nullptr);
        }
        showError(QString::fromStdString(e.what()));
        return false;
    }
    m_workspace = std::move(workspace);
    const QString path = m_workspace->path();
    m_messageBar->hide();
    m_settings->addRecentWorkspace(path);
    m_settings->setLastDirectory(QFileInfo(path).absolutePath());
    m_reportPage->setWorkspace(path);
    updateChrome();
    // A workspace with data opens on its Overview; an empty one on the page that says how to import.
    const bool hasImports = m_workspacePage->importHistoryModel()->rowCount() > 0;
    QListWidgetItem* first = m_sidebar->item(hasImports ? 1 : 0);
    m_sidebar->setCurrentItem(first);
    showSidebarItem(first); // also when it was already current in the previous workspace
    Q_EMIT workspaceOpened(path);
    return true;
}

void MainWindow::closeWorkspace()
{
    if (!m_workspace)
        return;
    m_importController->cancel();
    m_importController->waitForFinished();
    if (m_reportFactsProgress) {
        m_reportFactsJob->cancel();
        abandonReportExport();
    }
    setPresentationMode(false);
    m_reportPage->setWorkspace({});
    m_workspacePage->setWorkspace(nullptr);
    m_workspace.reset();
    m_stack->setCurrentWidget(m_startPage);
    refreshRecentWorkspaces();
    updateChrome();
    Q_EMIT workspaceClosed();
}

void MainWindow::newWorkspaceInteractively()
{
    QFileDialog dialog(this, tr("New Workspace"), m_settings->lastDirectory(), fileFilter());
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setDefaultSuffix(QLatin1String(store::Workspace::kFileSuffix));
    // Workspace::create never overwrites; the store's "already exists" message explains what to do
    // instead of the dialog offering a replace that would not happen.
    dialog.setOption(QFileDialog::DontConfirmOverwrite);
    dialog.selectFile(tr("workspace.faultline"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    createWorkspace(withWorkspaceSuffix(dialog.selectedFiles().constFirst()));
}

void MainWindow::openWorkspaceInteractively()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open Workspace"), m_settings->lastDirectory(), fileFilter());
    if (!path.isEmpty())
        openWorkspace(path);
}

void MainWindow::refreshRecentWorkspaces()
{
    m_startPage->setRecentWorkspaces(m_settings->recentWorkspaces());
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    // deleteLater, not clear(): the action being triggered may be the reason for this rebuild.
    const auto previous = m_recentMenu->actions();
    for (QAction* action : previous) {
        m_recentMenu->removeAction(action);
        action->deleteLater();
    }
    const QStringList recent = m_settings->recentWorkspaces();
    int number = 0;
    for (const QString& path : recent) {
        ++number;
        // Mnemonics 1–9 for the first entries, as file managers and editors do.
        const QString prefix
            = number < 10 ? QStringLiteral("&%1  ").arg(number) : QStringLiteral("%1  ").arg(number);
        QAction* action = m_recentMenu->addAction(prefix + escapeMnemonic(QDir::toNativeSeparators(path)));
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] { openWorkspace(path); });
    }
    if (recent.isEmpty()) {
        QAction* none = m_recentMenu->addAction(tr("No recent workspaces"));
        none->setEnabled(false);
    }
    m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("&Clear list"));
    clear->setObjectName(QStringLiteral("clearRecentAction"));
    clear->setEnabled(!recent.isEmpty());
    connect(clear, &QAction::triggered, m_settings, &Settings::clearRecentWorkspaces);
}

void MainWindow::updateChrome()
{
    const bool open = m_workspace != nullptr;
    m_closeAction->setEnabled(open);
    m_importAction->setEnabled(open && !m_importController->isRunning());
    m_exportReportAction->setEnabled(open);

    for (int row = 1; row < m_sidebar->count(); ++row) {
        QListWidgetItem* item = m_sidebar->item(row);
        const bool available
            = availableViewKeys().contains(viewKey(SidebarEntry(item->data(kViewRole).toInt())));
        if (available)
            item->setFlags(open ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags);
        if (available && open)
            item->setToolTip(tr("%1 (Ctrl+%2)").arg(item->text()).arg(row));
        m_viewActions.at(row - 1)->setEnabled(open && available);
    }
    m_presentAction->setEnabled(open);

    QListWidgetItem* workspaceItem = m_sidebar->item(0);
    if (open) {
        workspaceItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        workspaceItem->setToolTip(QDir::toNativeSeparators(m_workspace->path()));
    } else {
        m_sidebar->setCurrentItem(nullptr);
        workspaceItem->setFlags(Qt::NoItemFlags);
        workspaceItem->setToolTip(tr("Open or create a workspace first"));
    }

    if (open) {
        const QFileInfo info(m_workspace->path());
        setWindowTitle(tr("%1 — Faultline").arg(info.fileName()));
        m_statusPath->setText(QDir::toNativeSeparators(info.absoluteFilePath()));
        m_statusPath->setToolTip(m_statusPath->text());
        m_statusSchema->setText(tr("Schema v%1").arg(m_workspace->schemaVersion()));
    } else {
        setWindowTitle(tr("Faultline"));
        m_statusPath->setText(tr("No workspace open"));
        m_statusPath->setToolTip({});
        m_statusSchema->clear();
    }
    if (!open)
        m_stack->setCurrentWidget(m_startPage);
}

bool MainWindow::selectView(int number)
{
    if (number < 1 || number >= m_sidebar->count())
        return false;
    QListWidgetItem* item = m_sidebar->item(number);
    if (!m_workspace || !(item->flags() & Qt::ItemIsEnabled))
        return false;
    m_sidebar->setCurrentItem(item);
    return true;
}

void MainWindow::stepView(int delta)
{
    int row = m_sidebar->currentRow();
    for (int next = row + delta; next >= 1 && next < m_sidebar->count(); next += delta) {
        if (m_sidebar->item(next)->flags() & Qt::ItemIsEnabled) {
            row = next;
            break;
        }
    }
    selectView(row);
}

void MainWindow::setPresentationMode(bool on)
{
    if (on == m_presenting || (on && !m_workspace))
        return;
    m_presenting = on;
    menuBar()->setVisible(!on);
    statusBar()->setVisible(!on);
    m_sidebar->setVisible(!on);
    m_divider->setVisible(!on);
    m_reportPage->setPresentation(on);
    for (QAction* action : std::as_const(m_presentationOnly))
        action->setEnabled(on);
    applyCurrentTheme();
    if (on) {
        // A slide is a view: start on the current one, or the first.
        if (m_stack->currentWidget() != m_reportPage && !selectView(1))
            m_stack->setCurrentWidget(m_reportPage);
        m_statesBeforePresenting = windowState();
        setWindowState(windowState() | Qt::WindowFullScreen);
    } else {
        setWindowState(m_statesBeforePresenting & ~Qt::WindowFullScreen);
    }
}

void MainWindow::applyCurrentTheme()
{
    const Theme theme
        = Theme::forKind(m_presenting ? ThemeKind::HighContrast : resolveTheme(m_settings->themeChoice()));
    applyTheme(theme);
    // A widget with a style sheet keeps the palette it was polished with; polish it again.
    m_sidebar->setStyleSheet(m_sidebar->styleSheet());
    m_reportPage->setTheme(theme);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Faultline"),
        tr("<h3>Faultline %1</h3>"
           "<p>Where the delivery pipeline is the bottleneck, and how AI-assisted changes fare.</p>"
           "<p>Application id: %2<br>Built with Qt %3, running on Qt %4.</p>")
            .arg(QStringLiteral(FAULTLINE_VERSION), QStringLiteral(FAULTLINE_APP_ID),
                 QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
}

} // namespace faultline::gui
