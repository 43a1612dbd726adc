# Warnings and hardening for every target the project builds.
add_library(sw_options INTERFACE)
target_compile_options(sw_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wimplicit-fallthrough
  # GCC 12 warns on designated initializers that omit members with defaults.
  -Wno-missing-field-initializers)
# GCC 12 false positive on std::string at -O3 (GCC bug 105329).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(sw_options INTERFACE -Wno-restrict)
endif()
if(SW_WERROR)
  target_compile_options(sw_options INTERFACE -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  target_compile_options(sw_options INTERFACE -Wthread-safety)
endif()
# Keep deprecated Asio interfaces out of our code.
target_compile_definitions(sw_options INTERFACE BOOST_ASIO_NO_DEPRECATED)

if(SW_SANITIZE)
  target_compile_options(sw_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                              -fno-sanitize-recover=undefined)
  target_link_options(sw_options INTERFACE -fsanitize=address,undefined)
endif()

if(CMAKE_BUILD_TYPE STREQUAL "Release" OR CMAKE_BUILD_TYPE STREQUAL "RelWithDebInfo")
  target_compile_definitions(sw_options INTERFACE _FORTIFY_SOURCE=2)
  target_compile_options(sw_options INTERFACE -fstack-protector-strong -fPIE)
  target_link_options(sw_options INTERFACE -pie -Wl,-z,relro,-z,now)
endif()
