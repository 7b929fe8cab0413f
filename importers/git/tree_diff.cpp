#include "tree_diff.h"

#include "git_handles.h"

#include <cstring>

namespace faultline::importers::git {

namespace {

bool isTree(const git_tree_entry* e)
{
    return git_tree_entry_filemode(e) == GIT_FILEMODE_TREE;
}

// git's tree order: names compared bytewise, a tree's name as if it ended in '/'.
int compareEntries(const git_tree_entry* a, const git_tree_entry* b)
{
    const char* na = git_tree_entry_name(a);
    const char* nb = git_tree_entry_name(b);
    const size_t la = std::strlen(na);
    const size_t lb = std::strlen(nb);
    const size_t common = la < lb ? la : lb;
    if (int c = std::memcmp(na, nb, common))
        return c;
    const unsigned char ca = la > common ? static_cast<unsigned char>(na[common]) : (isTree(a) ? '/' : '\0');
    const unsigned char cb = lb > common ? static_cast<unsigned char>(nb[common]) : (isTree(b) ? '/' : '\0');
    return int(ca) - int(cb);
}

TreePtr lookupTree(git_repository* repo, const git_tree_entry* e, const std::string& path)
{
    git_tree* t = nullptr;
    check(git_tree_lookup(&t, repo, git_tree_entry_id(e)), "cannot read tree " + oidHex(*git_tree_entry_id(e)) + " (" + path + ")");
    return TreePtr(t);
}

void walk(git_repository* repo, const git_tree* oldTree, const git_tree* newTree, const std::string& prefix,
    std::vector<TreeChange>& out);

// One side only (added or deleted): every non-tree entry below it is a change.
void emitSide(git_repository* repo, const git_tree_entry* e, const std::string& path, bool isOld,
    std::vector<TreeChange>& out)
{
    if (isTree(e)) {
        TreePtr sub = lookupTree(repo, e, path);
        walk(repo, isOld ? sub.get() : nullptr, isOld ? nullptr : sub.get(), path + '/', out);
        return;
    }
    TreeChange c;
    c.path = path;
    if (isOld) {
        c.oldId = *git_tree_entry_id(e);
        c.oldMode = git_tree_entry_filemode(e);
    } else {
        c.newId = *git_tree_entry_id(e);
        c.newMode = git_tree_entry_filemode(e);
    }
    out.push_back(std::move(c));
}

void walk(git_repository* repo, const git_tree* oldTree, const git_tree* newTree, const std::string& prefix,
    std::vector<TreeChange>& out)
{
    const size_t no = oldTree ? git_tree_entrycount(oldTree) : 0;
    const size_t nn = newTree ? git_tree_entrycount(newTree) : 0;
    size_t i = 0;
    size_t j = 0;
    while (i < no || j < nn) {
        const git_tree_entry* a = i < no ? git_tree_entry_byindex(oldTree, i) : nullptr;
        const git_tree_entry* b = j < nn ? git_tree_entry_byindex(newTree, j) : nullptr;
        const int cmp = !a ? 1 : !b ? -1 : compareEntries(a, b);
        if (cmp < 0) {
            emitSide(repo, a, prefix + git_tree_entry_name(a), true, out);
            ++i;
        } else if (cmp > 0) {
            emitSide(repo, b, prefix + git_tree_entry_name(b), false, out);
            ++j;
        } else {
            ++i;
            ++j;
            const git_filemode_t ma = git_tree_entry_filemode(a);
            const git_filemode_t mb = git_tree_entry_filemode(b);
            if (git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) && ma == mb)
                continue;
            const std::string path = prefix + git_tree_entry_name(a);
            if (ma == GIT_FILEMODE_TREE) { // both trees (the sort key makes a tree match only a tree)
                TreePtr ta = lookupTree(repo, a, path);
                TreePtr tb = lookupTree(repo, b, path);
                walk(repo, ta.get(), tb.get(), path + '/', out);
                continue;
            }
            TreeChange c;
            c.path = path;
            c.oldId = *git_tree_entry_id(a);
            c.newId = *git_tree_entry_id(b);
            c.oldMode = ma;
            c.newMode = mb;
            out.push_back(std::move(c));
        }
    }
}

} // namespace

void diffTrees(git_repository* repo, const git_tree* oldTree, const git_tree* newTree, std::vector<TreeChange>& out)
{
    walk(repo, oldTree, newTree, std::string(), out);
}

} // namespace faultline::importers::git
