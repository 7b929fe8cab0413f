#pragma once

#include "filter_state.h"
#include "theme.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

namespace faultline::gui {

// The one typed front to QSettings (STYLE.md practice 7): every key, its default and its migration
// live in settings.cpp, so no other file spells a settings key. Setters emit the changed signal only
// when the stored value actually changes.
class Settings : public QObject
{
    Q_OBJECT

public:
    // Bumped when a key is renamed or its meaning changes; migrate() brings older files forward.
    static constexpr int kSchemaVersion = 1;
    static constexpr int kMaxRecentWorkspaces = 10;

    // The user's settings, stored under the application id so the GUI and any other caller of this
    // constructor share one file whatever QCoreApplication's names are.
    explicit Settings(QObject* parent = nullptr);
    // Settings in an INI file of the caller's choosing: tests isolate themselves with a temporary one.
    explicit Settings(const QString& iniFilePath, QObject* parent = nullptr);
    ~Settings() override;

    // The organisation / application names that place QSettings (and QStandardPaths) in one spot.
    static QString organizationName();
    static QString applicationName();

    // Most recent first, de-duplicated, at most kMaxRecentWorkspaces; files that no longer exist are
    // left out (they stay stored, so a workspace on an unmounted drive comes back with the drive).
    QStringList recentWorkspaces() const;
    void setRecentWorkspaces(const QStringList& paths);
    // Moves (or adds) path to the front of the list.
    void addRecentWorkspace(const QString& path);
    void removeRecentWorkspace(const QString& path);
    void clearRecentWorkspaces();

    // Where file dialogs start; the home directory until the user picks a file.
    QString lastDirectory() const;
    void setLastDirectory(const QString& directory);

    // Opaque blobs from QMainWindow::saveGeometry() / saveState(); empty until first saved.
    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray& geometry);
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray& state);

    // Light / dark override; System (the default) follows the desktop.
    ThemeChoice themeChoice() const;
    void setThemeChoice(ThemeChoice choice);

    // The filter bar's state of one workspace, keyed by its canonical path; defaults for a workspace
    // never filtered before.
    FilterState workspaceFilters(const QString& workspacePath) const;
    void setWorkspaceFilters(const QString& workspacePath, const FilterState& filters);

    // Replace people's names with stable aliases (screen sharing outside the team). Off by default.
    bool anonymisePeople() const;
    void setAnonymisePeople(bool on);

    // The version the stored settings were written with (kSchemaVersion after construction, unless a
    // newer Faultline wrote them).
    int schemaVersion() const;

    // Writes pending changes to disk now (QSettings otherwise writes lazily).
    void sync();

Q_SIGNALS:
    void recentWorkspacesChanged(const QStringList& paths);
    void lastDirectoryChanged(const QString& directory);
    void mainWindowGeometryChanged(const QByteArray& geometry);
    void mainWindowStateChanged(const QByteArray& state);
    void themeChoiceChanged(ThemeChoice choice);
    void workspaceFiltersChanged(const QString& workspacePath, const FilterState& filters);
    void anonymisePeopleChanged(bool on);

private:
    void migrate();
    QStringList storedRecentWorkspaces() const;
    void storeRecentWorkspaces(QStringList paths);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace faultline::gui
