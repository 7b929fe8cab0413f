#include "settings.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSettings>
#include <QVariant>

namespace faultline::gui {

namespace {

// Every key and its default in one place. Keys are grouped so that later views can add their own
// groups without colliding.
enum class Key
{
    SchemaVersion,
    RecentWorkspaces,
    LastDirectory,
    MainWindowGeometry,
    MainWindowState,
    ThemeChoice,
    WorkspaceFilters,
    AnonymisePeople
};

QLatin1String keyName(Key key)
{
    switch (key) {
    case Key::SchemaVersion:
        return QLatin1String("settingsVersion");
    case Key::RecentWorkspaces:
        return QLatin1String("workspaces/recent");
    case Key::LastDirectory:
        return QLatin1String("workspaces/lastDirectory");
    case Key::MainWindowGeometry:
        return QLatin1String("mainWindow/geometry");
    case Key::MainWindowState:
        return QLatin1String("mainWindow/state");
    case Key::ThemeChoice:
        return QLatin1String("appearance/theme");
    case Key::WorkspaceFilters:
        return QLatin1String("workspaces/filters");
    case Key::AnonymisePeople:
        return QLatin1String("presentation/anonymisePeople");
    }
    Q_UNREACHABLE();
}

QVariant defaultValue(Key key)
{
    switch (key) {
    case Key::SchemaVersion:
        return 0; // nothing stored yet: a fresh file
    case Key::RecentWorkspaces:
        return QStringList();
    case Key::LastDirectory:
        return QDir::homePath();
    case Key::MainWindowGeometry:
    case Key::MainWindowState:
        return QByteArray();
    case Key::ThemeChoice:
        return themeChoiceKey(ThemeChoice::System);
    case Key::WorkspaceFilters:
        return QVariantMap(); // canonical path -> compact JSON of a FilterState
    case Key::AnonymisePeople:
        return false;
    }
    Q_UNREACHABLE();
}

QVariant read(const QSettings& settings, Key key)
{
    return settings.value(keyName(key), defaultValue(key));
}

// One spelling per file, so the same workspace reached through "./a.faultline" and an absolute path
// is listed once. Symlinks are resolved when the file exists.
QString normalisedPath(const QString& path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

} // namespace

Settings::Settings(QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(QSettings::UserScope, organizationName(), applicationName()))
{
    migrate();
}

Settings::Settings(const QString& iniFilePath, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniFilePath, QSettings::IniFormat))
{
    migrate();
}

Settings::~Settings() = default;

QString Settings::organizationName()
{
    return QStringLiteral(FAULTLINE_APP_ID);
}

QString Settings::applicationName()
{
    return QStringLiteral("Faultline");
}

void Settings::migrate()
{
    const int stored = read(*m_settings, Key::SchemaVersion).toInt();
    // Settings written by a newer Faultline are left as they are: downgrading the version key would
    // make that newer build re-run its migrations over data it already converted.
    if (stored >= kSchemaVersion)
        return;
    // Version 0 -> 1: nothing to convert, the first release of the keys.
    m_settings->setValue(keyName(Key::SchemaVersion), kSchemaVersion);
}

int Settings::schemaVersion() const
{
    return read(*m_settings, Key::SchemaVersion).toInt();
}

void Settings::sync()
{
    m_settings->sync();
}

QStringList Settings::storedRecentWorkspaces() const
{
    return read(*m_settings, Key::RecentWorkspaces).toStringList();
}

void Settings::storeRecentWorkspaces(QStringList paths)
{
    QStringList cleaned;
    for (const QString& path : std::as_const(paths)) {
        if (path.isEmpty())
            continue;
        const QString normalised = normalisedPath(path);
        if (!cleaned.contains(normalised))
            cleaned.append(normalised);
        if (cleaned.size() == kMaxRecentWorkspaces)
            break;
    }
    const QStringList before = recentWorkspaces();
    if (cleaned == storedRecentWorkspaces())
        return;
    if (cleaned.isEmpty())
        m_settings->remove(keyName(Key::RecentWorkspaces));
    else
        m_settings->setValue(keyName(Key::RecentWorkspaces), cleaned);
    const QStringList after = recentWorkspaces();
    if (after != before)
        Q_EMIT recentWorkspacesChanged(after);
}

QStringList Settings::recentWorkspaces() const
{
    QStringList existing;
    const QStringList stored = storedRecentWorkspaces();
    for (const QString& path : stored) {
        if (QFileInfo(path).isFile())
            existing.append(path);
    }
    return existing;
}

void Settings::setRecentWorkspaces(const QStringList& paths)
{
    storeRecentWorkspaces(paths);
}

void Settings::addRecentWorkspace(const QString& path)
{
    if (path.isEmpty())
        return;
    QStringList paths = storedRecentWorkspaces();
    paths.prepend(path);
    storeRecentWorkspaces(paths);
}

void Settings::removeRecentWorkspace(const QString& path)
{
    const QString normalised = normalisedPath(path);
    QStringList paths = storedRecentWorkspaces();
    paths.removeAll(normalised);
    paths.removeAll(path);
    storeRecentWorkspaces(paths);
}

void Settings::clearRecentWorkspaces()
{
    storeRecentWorkspaces({});
}

QString Settings::lastDirectory() const
{
    return read(*m_settings, Key::LastDirectory).toString();
}

void Settings::setLastDirectory(const QString& directory)
{
    if (directory == lastDirectory())
        return;
    m_settings->setValue(keyName(Key::LastDirectory), directory);
    Q_EMIT lastDirectoryChanged(directory);
}

QByteArray Settings::mainWindowGeometry() const
{
    return read(*m_settings, Key::MainWindowGeometry).toByteArray();
}

void Settings::setMainWindowGeometry(const QByteArray& geometry)
{
    if (geometry == mainWindowGeometry())
        return;
    m_settings->setValue(keyName(Key::MainWindowGeometry), geometry);
    Q_EMIT mainWindowGeometryChanged(geometry);
}

QByteArray Settings::mainWindowState() const
{
    return read(*m_settings, Key::MainWindowState).toByteArray();
}

void Settings::setMainWindowState(const QByteArray& state)
{
    if (state == mainWindowState())
        return;
    m_settings->setValue(keyName(Key::MainWindowState), state);
    Q_EMIT mainWindowStateChanged(state);
}

} // namespace faultline::gui

namespace faultline::gui {

ThemeChoice Settings::themeChoice() const
{
    return themeChoiceFromKey(read(*m_settings, Key::ThemeChoice).toString());
}

void Settings::setThemeChoice(ThemeChoice choice)
{
    if (choice == themeChoice())
        return;
    m_settings->setValue(keyName(Key::ThemeChoice), themeChoiceKey(choice));
    Q_EMIT themeChoiceChanged(choice);
}

FilterState Settings::workspaceFilters(const QString& workspacePath) const
{
    const QVariantMap all = read(*m_settings, Key::WorkspaceFilters).toMap();
    const QByteArray json = all.value(normalisedPath(workspacePath)).toString().toUtf8();
    return FilterState::fromJson(QJsonDocument::fromJson(json).object());
}

void Settings::setWorkspaceFilters(const QString& workspacePath, const FilterState& filters)
{
    if (workspacePath.isEmpty() || filters == workspaceFilters(workspacePath))
        return;
    QVariantMap all = read(*m_settings, Key::WorkspaceFilters).toMap();
    all.insert(normalisedPath(workspacePath),
               QString::fromUtf8(QJsonDocument(filters.toJson()).toJson(QJsonDocument::Compact)));
    m_settings->setValue(keyName(Key::WorkspaceFilters), all);
    Q_EMIT workspaceFiltersChanged(normalisedPath(workspacePath), filters);
}

bool Settings::anonymisePeople() const
{
    return read(*m_settings, Key::AnonymisePeople).toBool();
}

void Settings::setAnonymisePeople(bool on)
{
    if (on == anonymisePeople())
        return;
    m_settings->setValue(keyName(Key::AnonymisePeople), on);
    Q_EMIT anonymisePeopleChanged(on);
}

} // namespace faultline::gui
