#include "git_handles.h"

#include "common/import_error.h"

namespace faultline::importers::git {

std::string lastGitError()
{
    const git_error* e = git_error_last();
    return e && e->message ? std::string(e->message) : std::string("unknown libgit2 error");
}

void check(int rc, const std::string& context)
{
    if (rc < 0)
        throw ImportError(context + ": " + lastGitError());
}

std::string oidHex(const git_oid& oid)
{
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &oid);
    return std::string(buf, GIT_OID_HEXSZ);
}

GitLibrary::GitLibrary()
{
    git_libgit2_init();
}

GitLibrary::~GitLibrary()
{
    git_libgit2_shutdown();
}

RepositoryPtr openRepository(const QString& path)
{
    git_repository* raw = nullptr;
    const QByteArray p = path.toUtf8();
    const int rc = git_repository_open_ext(&raw, p.constData(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
    if (rc == GIT_ENOTFOUND)
        throw ImportError(path.toStdString() + " is not a git repository (no .git folder or bare repository there)");
    check(rc, "cannot open git repository " + path.toStdString());
    return RepositoryPtr(raw);
}

} // namespace faultline::importers::git
