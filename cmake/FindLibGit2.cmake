# Finds libgit2 through pkg-config (Debian: libgit2-dev) and exposes LibGit2::LibGit2.
# Wrapped in a find module so that feature_summary can report it like every other dependency.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
    pkg_check_modules(PC_LIBGIT2 QUIET IMPORTED_TARGET libgit2>=1.5)
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibGit2
    REQUIRED_VARS PC_LIBGIT2_LINK_LIBRARIES
    VERSION_VAR PC_LIBGIT2_VERSION)
if(LibGit2_FOUND AND NOT TARGET LibGit2::LibGit2)
    add_library(LibGit2::LibGit2 ALIAS PkgConfig::PC_LIBGIT2)
endif()
