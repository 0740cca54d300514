#!/usr/bin/env zsh
# Whether zsh's completion shows PATTERN (an extended regex) for a command line typed in an
# interactive zsh on a pseudo-terminal (zsh/zpty), with the completion function _ripple from DIR.
# Waits up to 30 s (a loaded machine is slow to start compinit); prints the screen, without
# escapes, when the pattern never shows.
#   zsh -f tests/cli/zsh_complete.zsh DIR 'ripple analyze --format ' 'json +junit'
zmodload zsh/zpty
zpty session 'zsh -f -i'
zpty -w session "PS1='>'; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D"
zpty -n -w session "$2"$'\t'
screen=""
clean() { print -r -- "$screen" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' | tr '\r' '\n'; }
for attempt in {1..60}; do
  while zpty -r -t session chunk; do screen+=$chunk; done
  if clean | grep -qE -- "$3"; then zpty -d session; exit 0; fi
  sleep 0.5
done
zpty -d session
clean
exit 1
