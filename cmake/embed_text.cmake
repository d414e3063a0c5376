# Helpers of the scripts that build text files into the program as C++ raw
# string literals (src/retain/messages/embed_templates.cmake,
# src/retain/api/embed_web.cmake).

# Reads FILE into VAR; fails when the text contains )DELIMITER", which would
# end the raw string literal R"DELIMITER(...)DELIMITER" early. SHOWN names
# the file in the message.
function(read_embeddable file delimiter shown var)
  file(READ ${file} text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${shown} contains )${delimiter}\", which ends the embedded text")
  endif()
  set(${var} "${text}" PARENT_SCOPE)
endfunction()

# Writes CONTENT to OUTPUT only when it differs, so an unchanged tree does not
# recompile.
function(write_if_changed output content)
  set(old "")
  if(EXISTS ${output})
    file(READ ${output} old)
  endif()
  if(NOT "${old}" STREQUAL "${content}")
    file(WRITE ${output} "${content}")
  endif()
endfunction()
