#!/usr/bin/env zsh
# What zsh's completion shows for a command line typed in an interactive zsh on a pseudo-terminal
# (zsh/zpty), with the completion function _ripple from DIR. Prints the screen without escapes.
#   zsh -f tests/cli/zsh_complete.zsh DIR 'ripple analyze --format '
zmodload zsh/zpty
zpty session 'zsh -f -i'
zpty -w session "PS1='>'; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D"
zpty -n -w session "$2"$'\t'
sleep 2
screen=""
while zpty -r -t session chunk; do screen+=$chunk; done
zpty -d session
print -r -- "$screen" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' | tr '\r' '\n'
