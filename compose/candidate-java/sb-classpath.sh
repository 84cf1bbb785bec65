#!/bin/sh
# Prints the Curator/ZooKeeper classpath of the candidate image.
#   sb-classpath default   the Debian jars (Curator 5.4.0, ZooKeeper 3.8.0 client)
#   sb-classpath           effective: /opt/curator-override/*.jar if any, else
#                          $CURATOR_CLASSPATH if set, else the default
set -eu
J=/usr/share/java
DEFAULT="$J/curator-recipes.jar:$J/curator-framework.jar:$J/curator-client.jar:$J/zookeeper.jar:$J/zookeeper-jute.jar:$J/guava.jar:$J/slf4j-api.jar:$J/slf4j-simple.jar"
if [ "${1:-}" = default ]; then echo "$DEFAULT"; exit 0; fi
override=$(find /opt/curator-override -maxdepth 1 -name '*.jar' 2>/dev/null | sort | tr '\n' ':' | sed 's/:$//')
if [ -n "$override" ]; then echo "$override"
elif [ -n "${CURATOR_CLASSPATH:-}" ]; then echo "$CURATOR_CLASSPATH"
else echo "$DEFAULT"
fi
