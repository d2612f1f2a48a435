package theme

import (
	"reflect"
	"testing"
)

func TestLoad(t *testing.T) {
	if err := Default().Err(); err != nil {
		t.Fatal(err)
	}
}

func TestClassify(t *testing.T) {
	tx := Default()
	tests := []struct {
		s    string
		want []string
	}{
		{"全年面向小微企业和个人客户减免手续费约27亿元", []string{"fee_reduction", "inclusive_finance"}},
		{"网点为行动不便的老年客户提供上门服务", []string{"elderly_services", "service_quality"}},
		{"民生银行发布公告", nil},
	}
	for _, tt := range tests {
		got := tx.Classify(tt.s)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Classify(%q) = %v, want %v (hits %v)", tt.s, got, tt.want, tx.Hits(tt.s))
		}
	}
}
