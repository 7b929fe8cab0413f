#pragma once

#include <git2.h>

#include <QString>

#include <memory>
#include <string>

namespace faultline::importers::git {

// libgit2's error is thread-local and overwritten by the next call: read it at once (STYLE.md §6).
std::string lastGitError();
// Throws ImportError("<context>: <libgit2 message>") when rc < 0.
void check(int rc, const std::string& context);

std::string oidHex(const git_oid& oid);

// Keeps libgit2 initialised for as long as any user lives (git_libgit2_init is reference counted).
class GitLibrary
{
public:
    GitLibrary();
    ~GitLibrary();
    GitLibrary(const GitLibrary&) = delete;
    GitLibrary& operator=(const GitLibrary&) = delete;
};

template <typename T, void (*Free)(T*)>
struct GitDeleter
{
    void operator()(T* p) const { Free(p); }
};

using RepositoryPtr = std::unique_ptr<git_repository, GitDeleter<git_repository, git_repository_free>>;
using CommitPtr = std::unique_ptr<git_commit, GitDeleter<git_commit, git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, GitDeleter<git_tree, git_tree_free>>;
using BlobPtr = std::unique_ptr<git_blob, GitDeleter<git_blob, git_blob_free>>;
using RevwalkPtr = std::unique_ptr<git_revwalk, GitDeleter<git_revwalk, git_revwalk_free>>;
using ObjectPtr = std::unique_ptr<git_object, GitDeleter<git_object, git_object_free>>;
using ReferencePtr = std::unique_ptr<git_reference, GitDeleter<git_reference, git_reference_free>>;
using DiffPtr = std::unique_ptr<git_diff, GitDeleter<git_diff, git_diff_free>>;

// Opens a bare or non-bare repository at exactly `path` (no search upwards). Never runs hooks,
// filters or any external command: Faultline only reads objects and refs.
RepositoryPtr openRepository(const QString& path);

} // namespace faultline::importers::git
