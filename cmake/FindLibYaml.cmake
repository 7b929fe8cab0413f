# Finds libyaml through pkg-config (Debian: libyaml-dev) and exposes LibYaml::LibYaml. Debian ships
# no CMake config for it.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
    pkg_check_modules(PC_LIBYAML QUIET IMPORTED_TARGET yaml-0.1)
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibYaml
    REQUIRED_VARS PC_LIBYAML_LINK_LIBRARIES
    VERSION_VAR PC_LIBYAML_VERSION)
if(LibYaml_FOUND AND NOT TARGET LibYaml::LibYaml)
    add_library(LibYaml::LibYaml ALIAS PkgConfig::PC_LIBYAML)
endif()
